import { EMAIL_LIST_RULE, SLACK_CHANNEL_RULE, WEBHOOK_URL_RULE } from '../../generated/notifications';
import { RULES } from '../../generated/plans';
import { OTHER_RULE_TEXTS, PLAN_RULE_TEXTS, ruleText } from './ruleText';

describe('ruleText', () => {
  // The English text of each translation key is the backend's rule, word for word.
  it.each(Object.keys(RULES) as Array<keyof typeof RULES>)('translates the rule %s', (key) => {
    expect(PLAN_RULE_TEXTS[key]()).toBe(RULES[key]);
  });

  it('translates the notification rules', () => {
    const texts = new Map(OTHER_RULE_TEXTS.map(([rule, text]) => [rule, text()]));
    for (const rule of [SLACK_CHANNEL_RULE, EMAIL_LIST_RULE, WEBHOOK_URL_RULE]) {
      expect(texts.get(rule)).toBe(rule);
    }
    for (const [rule, text] of texts) {
      expect(text).toBe(rule);
    }
  });

  it('leaves a rule it does not know as the backend wrote it', () => {
    expect(ruleText('must be a whole number')).toBe('must be a whole number');
    expect(ruleText(RULES.id)).toBe(RULES.id);
  });
});
