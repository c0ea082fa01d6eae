import {
  type ClickHouseQueryContext,
  expandClickHouseMacros,
  interpolateVariables,
  stripComments,
} from './clickhouseMacros';

// The time range of grafana/clickhouse-datasource's macros_test.go.
const GO_TEST: ClickHouseQueryContext = {
  from: new Date('2014-11-12T11:45:26.123Z'),
  to: new Date('2015-11-12T11:45:26.456Z'),
  intervalSeconds: 20,
};
const expand = (sql: string, ctx: Partial<ClickHouseQueryContext> = {}) =>
  expandClickHouseMacros(sql, { ...GO_TEST, ...ctx });

describe('time macros, as the datasource tests expect them', () => {
  it('$__fromTime and $__toTime are DateTimes in whole seconds', () => {
    expect(expand('select * from foo where ( date >= $__fromTime and date <= $__toTime ) limit 100')).toBe(
      'select * from foo where ( date >= toDateTime(1415792726) and date <= toDateTime(1447328726) ) limit 100'
    );
  });
  it('the _ms variants keep milliseconds', () => {
    expect(expand('select * from foo where ( date >= $__fromTime_ms ) and ( date <= $__toTime_ms ) limit 100')).toBe(
      'select * from foo where ( date >= fromUnixTimestamp64Milli(1415792726123) ) and ( date <= fromUnixTimestamp64Milli(1447328726456) ) limit 100'
    );
  });
  it('$__timeFilter takes any expression and trims it', () => {
    expect(expand('select * from foo where $__timeFilter(cast(sth as timestamp) )')).toBe(
      'select * from foo where cast(sth as timestamp) >= toDateTime(1415792726) AND cast(sth as timestamp) <= toDateTime(1447328726)'
    );
    expect(expand('select * from foo where $__timeFilter_ms(cast(sth as timestamp))')).toBe(
      'select * from foo where cast(sth as timestamp) >= fromUnixTimestamp64Milli(1415792726123) AND cast(sth as timestamp) <= fromUnixTimestamp64Milli(1447328726456)'
    );
  });
  it('$__timeFilter on whole seconds', () => {
    const ctx = { from: new Date(1700000000 * 1000), to: new Date(1700003600 * 1000) };
    expect(expand('$__timeFilter(col)', ctx)).toBe('col >= toDateTime(1700000000) AND col <= toDateTime(1700003600)');
  });
  it('$__dateFilter, $__dateTimeFilter and $__dt compare dates and times', () => {
    expect(expand('$__dateFilter(dateCol)')).toBe(
      "dateCol >= toDate('2014-11-12') AND dateCol <= toDate('2015-11-12')"
    );
    const both =
      "(dateCol >= toDate('2014-11-12') AND dateCol <= toDate('2015-11-12')) AND (timeCol >= toDateTime(1415792726) AND timeCol <= toDateTime(1447328726))";
    expect(expand('$__dateTimeFilter(dateCol, timeCol)')).toBe(both);
    expect(expand('$__dt(dateCol,timeCol)')).toBe(both);
  });
  it('$__timeFrom and $__timeTo bound one column', () => {
    expect(expand('$__timeFrom(ts) AND $__timeTo(ts)')).toBe(
      'ts >= toDateTime(1415792726) AND ts <= toDateTime(1447328726)'
    );
  });
});

describe('interval macros', () => {
  it('bucket by the query interval', () => {
    expect(expand('select $__timeInterval(col) from foo')).toBe(
      'select toStartOfInterval(toDateTime(col), INTERVAL 20 second) from foo'
    );
    expect(expand('select $__timeInterval_ms(col) from foo')).toBe(
      'select toStartOfInterval(toDateTime64(col, 3), INTERVAL 20000 millisecond) from foo'
    );
    expect(expand('toStartOfInterval(col, INTERVAL $__interval_s second)')).toBe(
      'toStartOfInterval(col, INTERVAL 20 second)'
    );
  });
  it('never bucket below one second, truncating fractions', () => {
    expect(expand('$__interval_s $__timeInterval(t) $__interval_ms', { intervalSeconds: 0.5 })).toBe(
      '1 toStartOfInterval(toDateTime(t), INTERVAL 1 second) 500'
    );
    expect(expand('$__interval_s', { intervalSeconds: 90.9 })).toBe('90');
  });
  it('$__interval is the largest whole unit', () => {
    expect(expand('$__interval', { intervalSeconds: 86400 })).toBe('1d');
    expect(expand('$__interval', { intervalSeconds: 5400 })).toBe('1h');
    expect(expand('$__interval', { intervalSeconds: 0.25 })).toBe('250ms');
    expect(expand('$__interval', { intervalSeconds: 0 })).toBe('1ms');
  });
});

describe('parsing', () => {
  it('matches the longest name first and needs a name boundary', () => {
    expect(expand('$__timeFilter_ms(a) OR $__timeFilter(b) OR $__timeFilterX(c)')).toBe(
      'a >= fromUnixTimestamp64Milli(1415792726123) AND a <= fromUnixTimestamp64Milli(1447328726456) OR b >= toDateTime(1415792726) AND b <= toDateTime(1447328726) OR $__timeFilterX(c)'
    );
  });
  it('leaves unknown macros alone', () => {
    expect(expand('SELECT $__unknown(x), $__from')).toBe('SELECT $__unknown(x), $__from');
  });
  it('reads arguments only from a parenthesis right after the name', () => {
    expect(() => expand('$__timeFilter (ts)')).toThrow(
      'macro $__timeFilter(): timeFilter requires 1 argument, received 0'
    );
  });
  it('splits arguments outside nested parentheses and quotes', () => {
    expect(expand("$__dt(toDate(a, 'x,y'), b)")).toBe(
      "(toDate(a, 'x,y') >= toDate('2014-11-12') AND toDate(a, 'x,y') <= toDate('2015-11-12')) AND (b >= toDateTime(1415792726) AND b <= toDateTime(1447328726))"
    );
  });
  it('fails on a wrong argument count, as the datasource does', () => {
    expect(() => expand('$__timeFilter(a, b)')).toThrow(
      'macro $__timeFilter(a, b): timeFilter requires 1 argument, received 2'
    );
    expect(() => expand('$__dateTimeFilter(a)')).toThrow('dateTimeFilter requires 2 arguments, received 1');
  });
  it('refuses the macros it does not reproduce', () => {
    expect(() => expand('$__timeGroup(ts, 1h)')).toThrow(
      'macro $__timeGroup is not reproduced by expandClickHouseMacros'
    );
  });
  it('blanks comments, keeping quoted text and line breaks', () => {
    expect(stripComments("a -- $__timeFilter()\nb /* c */ '--d' \"/*e*/\" 'it''s'")).toBe(
      "a                   \nb         '--d' \"/*e*/\" 'it''s'"
    );
    expect(expand('SELECT 1 -- $__timeFilter()')).toBe('SELECT 1                   ');
  });
});

describe('template variables', () => {
  const variables = { plan: ['shared', 'dedicated'], cluster: ['cluster-a'], ws: 'ws-0001', odd: ["o'neil", 'a.b'] };
  it('formats single-quoted IN lists', () => {
    expect(expand('plan_type IN (${plan:singlequote}) AND cluster_id IN (${cluster:singlequote})', { variables })).toBe(
      "plan_type IN ('shared','dedicated') AND cluster_id IN ('cluster-a')"
    );
    expect(interpolateVariables('${odd:singlequote}', variables)).toBe("'o\\'neil','a.b'");
    expect(interpolateVariables('${odd:sqlstring}', variables)).toBe("'o''neil','a.b'");
  });
  it('formats the other syntaxes and formats', () => {
    expect(
      interpolateVariables('$plan [[plan:csv]] ${plan:pipe} ${plan:regex} ${odd:regex} ${cluster:regex}', variables)
    ).toBe("'shared','dedicated' shared,dedicated shared|dedicated (shared|dedicated) (o'neil|a\\.b) cluster-a");
    expect(interpolateVariables('$ws ${ws:singlequote} ${plan:doublequote} ${plan:raw}', variables)).toBe(
      'ws-0001 \'ws-0001\' "shared","dedicated" shared,dedicated'
    );
  });
  it('leaves unknown variables and macros to the next step', () => {
    expect(interpolateVariables('$other ${other:csv} $__timeFilter(ts)', variables)).toBe(
      '$other ${other:csv} $__timeFilter(ts)'
    );
  });
  it('refuses formats it does not reproduce', () => {
    expect(() => interpolateVariables('${plan:lucene}', variables)).toThrow(
      'variable format lucene of ${plan:lucene} is not reproduced'
    );
  });
});
