export const testIds = {
  appConfig: {
    container: 'data-testid ac-container',
    datasourcePicker: (kind: string) => `data-testid ac-datasource-${kind}`,
    submit: 'data-testid ac-submit-form',
    errors: 'data-testid ac-errors',
  },
};
