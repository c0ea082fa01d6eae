import { expect, test } from './fixtures';
import { testIds } from '../src/testIds';

test('the configuration page saves and reports the backend health', async ({ appConfigPage, page }) => {
  await expect(page.getByTestId(testIds.appConfig.datasourcePicker('prometheus'))).toBeVisible();
  const saved = appConfigPage.waitForSettingsResponse();
  await page.getByTestId(testIds.appConfig.submit).click();
  await expect(saved).toBeOK();
  await expect(page.getByTestId(testIds.appConfig.errors)).toContainText('Settings are valid');
});
