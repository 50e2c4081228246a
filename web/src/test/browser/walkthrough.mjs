// The README's walkthrough done through the web app in a real browser, against a real demo node
// (`coop node --demo`): alice proposes a new split, execution is refused in words, alice, bob and
// carol approve, a majority votes, bob executes, tess records revenue and the balances move. Then
// the ledger explorer behind a lying proxy: the tampered entry loses its verified mark.
//
//   COOP_WEB_URL=http://127.0.0.1:8080 COOP_KEYS=coop-data/keys [COOP_SCREENSHOTS=dir] node walkthrough.mjs
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './browser.mjs';
import { alterLeaf, startLyingProxy } from './lying-proxy.mjs';

const url = process.env.COOP_WEB_URL || 'http://127.0.0.1:8080';
const keys = process.env.COOP_KEYS || 'coop-data/keys';
const shots = process.env.COOP_SCREENSHOTS;
const TIMEOUT = 60_000;

function step(text) {
  console.log(`[walkthrough] ${text}`);
}

async function shot(page, name, fullPage = true) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, 'web-' + name + '.png'), fullPage });
}

async function signIn(page, name) {
  await page.goto(url + '/#/key');
  const forget = page.getByRole('button', { name: 'Forget this key' });
  if (await forget.count()) await forget.click();
  await page.getByLabel('Key file').setInputFiles(join(keys, name + '.pem'));
  await page.getByText('Signed in as').filter({ hasText: name }).waitFor();
}

/** Clicks an action, checks the sentence shown before signing, signs, and returns the dialog. */
async function signAction(page, click, sentence, screenshot) {
  await click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await assert.doesNotReject(dialog.getByText(sentence, { exact: false }).first().waitFor({ timeout: 5000 }), `the dialog says "${sentence}"`);
  if (screenshot) await shot(page, screenshot, false);
  await dialog.getByRole('button', { name: 'Sign and send' }).click();
  await dialog.getByText(/Accepted|The node refused|rules do not allow|could not be reached/).first().waitFor();
  return dialog;
}

async function expectAccepted(dialog) {
  await dialog.getByRole('heading', { name: 'Accepted' }).waitFor();
  const bad = await dialog.locator('ul.checks li.bad').allTextContents();
  assert.deepEqual(bad, [], 'every check of the receipt passes');
  assert.ok(await dialog.getByText('holds exactly what you signed').count(), 'the entry read back is what was signed');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

function card(page, title) {
  return page.locator('li.proposal').filter({ has: page.getByRole('heading', { name: title }) });
}

async function balance(page, name) {
  await page.goto(url + '/#/money');
  const row = page.locator('table.balances tr').filter({ hasText: name });
  await row.waitFor();
  return (await row.locator('td.num').textContent()).trim();
}

const browser = await launch();
browser.context.setDefaultTimeout(TIMEOUT);
try {
  const page = await browser.context.newPage();

  step('the app loads from the node and shows the demo co-op');
  await page.goto(url + '/');
  await page.getByRole('heading', { name: 'Proposals' }).waitFor();
  await page.getByText('Launch split').first().waitFor();
  const carolBefore = await balance(page, 'carol');
  step(`carol's balance before: ${carolBefore}`);

  step('alice signs in with her key file and proposes a new split');
  await signIn(page, 'alice');
  await page.goto(url + '/#/proposals');
  await page.getByText('Make a proposal').click();
  await page.getByLabel('Title').fill('Carol mixes the next EP');
  await page.getByLabel('Share of alice in percent').fill('30');
  await page.getByLabel('Share of bob in percent').fill('30');
  await page.getByLabel('Share of carol in percent').fill('40');
  const title = 'Carol mixes the next EP';
  let dialog = await signAction(
    page,
    () => page.getByRole('button', { name: 'Review and sign…' }).click(),
    'Propose “Carol mixes the next EP”: a new revenue split — alice 30 %, bob 30 %, carol 40 %',
    'sign-dialog',
  );
  await expectAccepted(dialog);

  step('executing it now is refused, and the node says why in words');
  const proposal = card(page, title);
  await proposal.waitFor();
  await proposal.getByText('Still needs').waitFor();
  dialog = await signAction(page, () => proposal.getByRole('button', { name: 'Execute' }).click(), `Execute “${title}”`);
  const alert = dialog.getByRole('alert');
  await alert.waitFor();
  const said = (await alert.textContent()).trim();
  step(`the node said: ${said}`);
  assert.match(said, /\[[A-Z_]+\]/, 'the error carries the node’s stable code');
  assert.ok((await alert.locator('.error-message').textContent()).trim().length > 10, 'the error is explained in words');
  await shot(page, 'error', false);
  await dialog.getByRole('button', { name: 'Close' }).click();

  const act = async (who, button, sentence, reason) => {
    const p = card(page, title);
    if (reason) await p.getByLabel('Reason (optional)').fill(reason);
    const d = await signAction(page, () => p.getByRole('button', { name: button, exact: true }).click(), sentence);
    await expectAccepted(d);
    step(`${who}: ${button}`);
  };

  await act('alice', 'Approve', `Approve “${title}”`);
  await act('alice', 'Vote yes', `Vote yes on “${title}”`);
  await signIn(page, 'bob');
  await page.goto(url + '/#/proposals');
  await act('bob', 'Approve', `Approve “${title}”`);
  await signIn(page, 'carol');
  await page.goto(url + '/#/proposals');
  await act('carol', 'Approve', `Approve “${title}”`);
  await act('carol', 'Vote yes', new RegExp(`Vote yes on “${title}” \\([0-9a-f]{12}\\) because “more mixing, bigger share”`), 'more mixing, bigger share');
  await signIn(page, 'tess');
  await page.goto(url + '/#/proposals');
  await act('tess', 'Vote yes', `Vote yes on “${title}”`);

  step('the proposal is ready; bob executes it');
  await card(page, title).getByText('ready to execute').waitFor();
  await shot(page, 'proposals');
  await signIn(page, 'bob');
  await page.goto(url + '/#/proposals');
  await act('bob', 'Execute', `Execute “${title}”`);
  await card(page, title).getByText('executed').first().waitFor();

  step('the new split is in force');
  await page.goto(url + '/#/money');
  await page.getByRole('heading', { name: /Split in force \(version 2/ }).waitFor();
  await page.locator('table').first().getByText('40.00 %').waitFor();

  step('tess records 250.00 EUR from a workshop');
  await signIn(page, 'tess');
  await page.goto(url + '/#/money');
  await page.getByText('Record revenue').click();
  await page.getByLabel('Amount').fill('250.00');
  await page.getByLabel(/^Source/).fill('workshop');
  dialog = await signAction(
    page,
    () => page.getByRole('button', { name: 'Review and sign…' }).click(),
    'Record revenue of 250.00 EUR from workshop',
  );
  await expectAccepted(dialog);

  // The app reloads its data when the dialog closes; wait for that reload to show the new entry
  // rather than read the balance the page still shows from before it.
  let carolAfter = await balance(page, 'carol');
  for (const start = Date.now(); carolAfter === carolBefore && Date.now() - start < TIMEOUT; ) {
    await page.waitForTimeout(200);
    carolAfter = await balance(page, 'carol');
  }
  step(`carol's balance after: ${carolAfter}`);
  const cents = (t) => Math.round(Number(t.split(' ')[0]) * 100);
  assert.equal(cents(carolAfter) - cents(carolBefore), 10_000, 'carol gets 40 % of 250.00 EUR');
  await page.getByLabel('Member').selectOption({ label: 'carol' });
  await page.getByText('it ends at the balance the node reports').waitFor();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download as CSV' }).click();
  const csv = await (await download).createReadStream();
  let text = '';
  for await (const chunk of csv) text += chunk;
  assert.match(text, /share of workshop revenue,EUR,10000,100\.00/, 'the CSV statement has carol’s workshop credit');
  assert.match(text, /share of drop:spring-ep revenue,EUR,14850,148\.50/, 'carol’s part of the drop went by its own split');

  step('the drop has its own split, and the promotion pool’s statement adds up too');
  await page.getByRole('heading', { name: /Split drop:spring-ep \(version 1/ }).waitFor();
  await page.getByText('Drop spring-ep (Spring EP release show, Harbour Hall): 40 of 100 sold').waitFor();
  await page.getByLabel('Member').selectOption({ label: 'pool:promotion' });
  await page.getByText('it ends at the balance the node reports').waitFor();
  const poolRows = await page.locator('table.statement tbody tr').allTextContents();
  step(`pool:promotion's statement: ${poolRows.join(' | ')}`);
  assert.equal(poolRows.length, 1, 'one credit: the drop sale (its posters tranche, then a tenth)');
  assert.match(poolRows[0], /share of drop:spring-ep revenue183\.00 EUR183\.00 EUR/);
  await shot(page, 'money');

  step('every entry of the honest node is verified in the browser');
  await page.goto(url + '/#/ledger');
  await page.getByText('checkpoint verified').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('li.entry').length > 0 && !document.querySelector('.mark.checking'));
  // Entries newer than the last checkpoint are "pending" until the next one covers them.
  await page.waitForFunction(
    () => [...document.querySelectorAll('li.entry')].every((li) => li.classList.contains('verified')),
    null,
    { timeout: TIMEOUT, polling: 2000 },
  ).catch(() => {});
  const failed = await page.locator('li.entry.failed').count();
  assert.equal(failed, 0, 'no entry of the honest node fails');
  await shot(page, 'ledger');

  step('behind a lying proxy, entries with one altered byte lose their verified mark');
  // #5: a byte of the signed body (its signature and the checkpoint both catch it); #9: the last
  // byte, the accepted time, which no member signs: only the checkpoint's Merkle root catches it.
  const proxy = await startLyingProxy(url, (path, body) =>
    path.startsWith('/v1/entries?') ? alterLeaf(alterLeaf(body, 5, 20), 9, -1) : null,
  );
  try {
    const liar = await browser.context.newPage();
    await liar.goto(proxy.url + '/#/ledger');
    const older = liar.getByRole('button', { name: '← Older' });
    await liar.getByText('checkpoint verified').waitFor();
    // Page back to the one that holds #5, each time waiting until the older page has loaded.
    await liar.locator('li.entry').first().waitFor();
    while (!(await liar.locator('li.entry[data-index="5"]').count())) {
      const oldest = Math.min(...(await liar.locator('li.entry').evaluateAll((all) => all.map((li) => Number(li.dataset.index)))));
      await older.click();
      await liar.locator(`li.entry[data-index="${oldest - 1}"]`).waitFor();
    }
    for (const index of [5, 9]) {
      const tampered = liar.locator(`li.entry[data-index="${index}"]`);
      await tampered.locator('.mark.failed').waitFor();
      const reason = await tampered.locator('.reason').textContent();
      step(`entry #${index}: ${reason}`);
      assert.match(reason, new RegExp(`entry #${index} is not in the tree the checkpoint commits to`));
    }
    for (const index of [4, 6, 8, 10]) await liar.locator(`li.entry[data-index="${index}"] .mark.verified`).waitFor();
    await shot(liar, 'ledger-tampered');
    await liar.close();
  } finally {
    proxy.close();
  }

  step('a key made in the browser is saved encrypted and opens again with its passphrase');
  const keyPage = await browser.context.newPage();
  await keyPage.goto(url + '/#/key');
  await keyPage.getByRole('button', { name: 'Make a new key' }).click();
  const keyId = (await keyPage.locator('dl.facts dd.mono').first().textContent()).trim();
  await keyPage.getByText('not a member of this co-op').waitFor();
  await keyPage.getByLabel('Passphrase to encrypt the file (recommended)').fill('a long passphrase');
  const saved = keyPage.waitForEvent('download');
  await keyPage.getByRole('button', { name: 'Save as a coop key file' }).click();
  const file = join(await mkdtemp(join(tmpdir(), 'coop-key-')), 'new.pem');
  await (await saved).saveAs(file);
  assert.match(readFileSync(file, 'utf8'), /^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
  await keyPage.getByRole('button', { name: 'Forget this key' }).click();
  await keyPage.getByLabel('Key file').setInputFiles(file);
  await keyPage.getByLabel(/^Passphrase for/).fill('wrong passphrase');
  await keyPage.getByRole('button', { name: 'Unlock' }).click();
  await keyPage.getByRole('alert').getByText('wrong passphrase').waitFor();
  await keyPage.getByLabel(/^Passphrase for/).fill('a long passphrase');
  await keyPage.getByRole('button', { name: 'Unlock' }).click();
  await keyPage.getByText(`Key ${keyId} is loaded in this page.`).waitFor();
  await keyPage.close();

  step('on a phone-sized screen');
  const phone = await browser.context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(url + '/#/proposals');
  await phone.getByText(title).first().waitFor();
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `nothing is wider than the phone screen (overflow ${overflow}px)`);
  await shot(phone, 'phone');

  step('every control has a name a screen reader can announce, and every view fits the phone');
  for (const view of ['proposals', 'money', 'ledger', 'key']) {
    await phone.goto(url + '/#/' + view);
    await phone.getByRole('heading', { level: 1 }).waitFor();
    await phone.locator('details').evaluateAll((all) => all.forEach((d) => (d.open = true)));
    const unnamed = await phone.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea, button')]
        .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.textContent.trim())
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(unnamed, [], `unnamed controls on ${view}`);
    const wider = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(wider <= 0, `${view} fits the phone screen (overflow ${wider}px)`);
  }

  assert.deepEqual(browser.problems, [], 'no page errors and no Content-Security-Policy violations');
  console.log('[walkthrough] walkthrough passed');
} finally {
  await browser.close();
}
