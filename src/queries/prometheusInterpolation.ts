// Grafana's processing of a PromQL query before Prometheus sees it: scenes' interpolation of the page's
// variables, with the Prometheus datasource's escaping as the default format.
// grafana/grafana packages/grafana-prometheus/src/datasource.ts: templateSrv.replace(expr, scopedVars, this.interpolateQueryExpr)

/** The value scenes stores for an "All" selection. */
export const ALL = '$__all';

/** A template variable of the page, as the query sees it. */
export interface PromVariable {
  /** The selected value, or values of a multi-value variable; ALL for "All". */
  value: string | string[];
  /** Every option of the variable: what "All" stands for when there is no allValue. */
  options?: string[];
  isMulti?: boolean;
  includeAll?: boolean;
  /** A custom "All" value. */
  allValue?: string;
}

type Value = string | string[];

// grafana/grafana packages/grafana-prometheus/src/escaping.ts: prometheusRegularEscape (classic), for single-value variables.
const regularEscape = (v: string) => v.replace(/\\/g, '\\\\').replace(/'/g, "\\\\'");

// Same file, prometheusSpecialRegexEscape (classic): a double backslash, which PromQL's string lexer turns into one for RE2.
const specialRegexEscape = (v: string) => v.replace(/\\/g, '\\\\\\\\').replace(/[$^*{}[\]+?.()|]/g, '\\\\$&');

/** The Prometheus datasource's format: regex-escaped `(a|b)` for multi-value or "All" variables, else escaped text. */
export function interpolateQueryExpr(value: Value, variable: Pick<PromVariable, 'isMulti' | 'includeAll'>): string {
  if (!variable.isMulti && !variable.includeAll) {
    return typeof value === 'string' ? regularEscape(value) : String(value);
  }
  if (typeof value === 'string') {
    return specialRegexEscape(value);
  }
  const escaped = value.map(specialRegexEscape);
  return escaped.length === 1 ? escaped[0] : `(${escaped.join('|')})`;
}

// grafana/grafana packages/grafana-data/src/text/string.ts: escapeRegex, what scenes' `:regex` format applies.
const escapeRegex = (v: string) => v.replace(/[\\^$*+?.()|[\]{}\/]/g, '\\$&');

// The explicit formats of scenes' formatRegistry that a PromQL query may use; an explicit format wins over the datasource's.
const FORMATS: Record<string, (value: Value) => string> = {
  raw: (value) => String(value),
  pipe: (value) => (Array.isArray(value) ? value.join('|') : value),
  regex: (value) => {
    if (typeof value === 'string') {
      return escapeRegex(value);
    }
    return value.length === 1 ? escapeRegex(value[0]) : `(${value.map(escapeRegex).join('|')})`;
  },
};

// Grafana's variable syntaxes: $var, [[var]] / [[var:fmt]], ${var} / ${var:fmt}.
const VARIABLE_REGEX = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?::([^}]+))?\}/g;

function isAll(value: Value): boolean {
  return value === ALL || (Array.isArray(value) && value.includes(ALL));
}

/** Replaces the known variables; unknown ones (and `$__` macros) stay as they are, as in Grafana. */
export function interpolatePromQL(expr: string, variables: Record<string, PromVariable>): string {
  return expr.replace(VARIABLE_REGEX, (match, plain, bracket, bracketFmt, braced, bracedFmt) => {
    const name: string = plain ?? bracket ?? braced;
    if (!Object.prototype.hasOwnProperty.call(variables, name)) {
      return match;
    }
    const variable = variables[name];
    const format: string | undefined = bracketFmt ?? bracedFmt;
    if (isAll(variable.value) && variable.allValue !== undefined) {
      // grafana/scenes packages/scenes/src/variables/variants/MultiValueVariable.ts: CustomAllValue is passed raw.
      return variable.allValue;
    }
    const value = isAll(variable.value) ? (variable.options ?? []) : variable.value;
    if (format === undefined) {
      return interpolateQueryExpr(value, variable);
    }
    const formatter = FORMATS[format];
    if (!formatter) {
      throw new Error(`variable format ${format} of ${match} is not reproduced`);
    }
    return formatter(value);
  });
}
