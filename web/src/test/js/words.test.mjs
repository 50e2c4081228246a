// What is about to be signed, in words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeAction } from '../../main/js/core/words.js';
import { formatMoney, moneyHistory, parseMoney, statement, statementCsv } from '../../main/js/core/money.js';
import { clauseInWords, voteRule, voteStanding } from '../../main/js/core/vote.js';

const names = new Map([['a1', 'alice'], ['b2', 'bob']]);
const titles = new Map([['p'.repeat(64), 'Carol mixes the next EP']]);

test('votes, approvals and proposals read as sentences', () => {
  assert.equal(
    describeAction({ castVote: { proposalId: 'p'.repeat(64), choice: 2, reason: 'too soon' } }, names, titles),
    'Vote no on “Carol mixes the next EP” (pppppppppppp) because “too soon”',
  );
  assert.equal(
    describeAction({ createProposal: { title: 'New split', splitChange: { shares: [{ memberId: 'b2', basisPoints: 4000 }, { memberId: 'a1', basisPoints: 6000 }] } } }, names),
    'Propose “New split”: a new revenue split — alice 60 %, bob 40 %',
  );
  assert.equal(
    describeAction({ createProposal: { title: 'Pay', payout: { memberId: 'b2', amountMinor: 12050, currency: 'EUR', reference: '' } } }, names),
    'Propose “Pay”: pay bob 120.50 EUR',
  );
  assert.equal(describeAction({ recordRevenue: { amountMinor: 25000, currency: 'EUR', source: 'workshop' } }), 'Record revenue of 250.00 EUR from workshop');
});

test('money is parsed and printed in minor units', () => {
  assert.equal(parseMoney('250'), 25000);
  assert.equal(parseMoney('250.5'), 25050);
  assert.equal(parseMoney('0,07'), 7);
  assert.throws(() => parseMoney('-3'));
  assert.throws(() => parseMoney('1.234'));
  assert.equal(formatMoney(-105, 'EUR'), '-1.05 EUR');
});

test('a statement keeps a running balance and quotes its CSV', () => {
  const events = [
    { kind: 'revenue', index: 3, at: 0, source: 'drop:"x", y', currency: 'EUR', amountMinor: 100, parts: new Map([['a1', 60], ['b2', 40]]) },
    { kind: 'payout', index: 5, at: 1000, currency: 'EUR', amountMinor: 50, what: 'payout r', parts: new Map([['a1', -50]]) },
  ];
  const rows = statement(events, 'a1');
  assert.deepEqual(rows.map((r) => r.balanceMinor), [60, 10]);
  const csv = statementCsv(rows);
  assert.match(csv, /"share of drop:""x"", y revenue",EUR,60,0\.60,0\.60\r\n/);
  assert.match(csv, /payout r,EUR,-50,-0\.50,0\.10\r\n$/);
});

test('the money is rebuilt from the entries as the protocol divides it: routes, recoup tranches, pools, expenses', () => {
  // The demo co-op's story (docs/money.md#the-demo-co-op): a default split, the drop's own split
  // that first repays the promotion pool, its route; then an expense from the pool, another repaid
  // before the drop's split, a pool payout and a payout.
  const execute = (index, id) => ({ index, acceptedAtMillis: index, entry: { execute: { proposalId: id } } });
  const revenue = (index, amountMinor, source) => ({ index, acceptedAtMillis: index, entry: { recordRevenue: { amountMinor: String(amountMinor), currency: 'EUR', source } } });
  const proposal = (id, kind, closedAtMillis, details) => ({ id, kind, status: 'executed', closedAtMillis, details });
  const proposals = [
    proposal('p1', 'split', 1, { 'share.a1': '4000', 'share.b2': '3500', 'share.c3': '2500' }),
    proposal('p2', 'split', 2, { split: 'drop:ep', 'account.pp': 'pool:promotion', 'recoup.1': 'pp=15000:EUR:posters', 'recoup.2': 'a1=100:EUR:vans', 'share.a1': '4500', 'share.c3': '4500', 'share.pp': '1000' }),
    proposal('p3', 'split', 3, { source: 'drop:ep', split: 'drop:ep' }),
    proposal('p4', 'expense', 7, { claimant: 'c3', amountMinor: '4250', currency: 'EUR', pool: 'promotion' }),
    proposal('p5', 'expense', 8, { claimant: 'b2', amountMinor: '999', currency: 'EUR', beforeSplit: 'drop:ep' }),
    proposal('p6', 'pool-payout', 10, { pool: 'promotion', amountMinor: '6000', currency: 'EUR', payee: 'Print shop', reference: 'invoice 17' }),
    proposal('p7', 'payout', 11, { memberId: 'b2', amountMinor: '500', currency: 'EUR', reference: 'march' }),
    proposal('p8', 'split', 99, { source: 'drop:x', split: '' }),
  ];
  proposals[7].status = 'rejected';
  const entries = [
    execute(1, 'p1'),
    execute(2, 'p2'),
    execute(3, 'p3'),
    revenue(4, 120_000, 'subscription'),
    revenue(5, 10_000, 'drop:ep'), // 10 000 of the 15 000 owed to the pool
    revenue(6, 48_000, 'drop:ep'), // ends the pool's tranche mid-entry, then 100 to a1, then shares
    execute(7, 'p4'),
    execute(8, 'p5'),
    revenue(9, 1_000, 'drop:ep'), // 999 to b2's expense, 1 over the shares
    execute(10, 'p6'),
    execute(11, 'p7'),
    execute(12, 'p8'),
  ];
  const splits = [{ version: 1, adoptedAtMillis: 1, shares: [{ memberId: 'a1', basisPoints: 4000 }, { memberId: 'b2', basisPoints: 3500 }, { memberId: 'c3', basisPoints: 2500 }] }];
  const events = moneyHistory(entries, splits, proposals);
  const parts = (index) => Object.fromEntries(events.find((e) => e.index === index).parts);
  assert.deepEqual(parts(4), { a1: 48_000, b2: 42_000, c3: 30_000 });
  assert.deepEqual(parts(5), { pp: 10_000 });
  // 48 000: 5 000 end the pool's tranche, 100 repay a1's, 42 900 over 45/45/10.
  assert.deepEqual(parts(6), { pp: 5_000 + 4_290, a1: 100 + 19_305, c3: 19_305 });
  assert.deepEqual(parts(7), { pp: -4_250, c3: 4_250 });
  assert.deepEqual(parts(9), { b2: 999, a1: 1 });
  assert.deepEqual(parts(10), { pp: -6_000 });
  assert.equal(events.find((e) => e.index === 9).split, 'drop:ep');
  const pool = statement(events, 'pp');
  assert.deepEqual(pool.map((r) => r.balanceMinor), [10_000, 19_290, 15_040, 9_040]);
  assert.equal(pool[3].what, 'pool payout to Print shop (invoice 17)');
  assert.deepEqual(statement(events, 'b2').map((r) => r.amountMinor), [42_000, 999, -500]);
});

test('quorum and threshold read from the clause as docs/clauses.md defines them', () => {
  const rule = voteRule('all(beneficiaries) & vote(quorum=50%, approve>50%, window=7d)');
  assert.deepEqual(voteStanding(rule, { yes: 3, no: 0, abstain: 0, eligible: 5 }), { turnoutPercent: 60, quorumMet: true, yesPercent: 100, approveMet: true });
  assert.equal(voteStanding(rule, { yes: 1, no: 1, abstain: 1, eligible: 5 }).approveMet, false, 'a tie fails approve>50%');
  assert.equal(voteStanding(rule, { yes: 2, no: 0, abstain: 0, eligible: 5 }).quorumMet, false);
  const twoThirds = voteRule('vote(quorum=50%, approve>=2/3, window=7d) & timelock(48h)');
  assert.equal(voteStanding(twoThirds, { yes: 2, no: 1, abstain: 0, eligible: 4 }).approveMet, true);
  assert.equal(voteStanding(twoThirds, { yes: 0, no: 0, abstain: 3, eligible: 4 }).approveMet, false, 'no yes and no no: not passed');
  assert.equal(voteRule('2 of role(treasurer)'), null);
});

test('clauses read out in words', () => {
  assert.equal(
    clauseInWords('all(beneficiaries) & vote(quorum=50%, approve>50%, window=7d)'),
    'every beneficiary approves, and a vote passes (at least 50 % of the electorate votes, more than 50 % of the yes and no votes are yes, within 7 days)',
  );
  assert.equal(clauseInWords('2 of role(treasurer)'), '2 treasurers approve');
  assert.equal(
    clauseInWords('vote(quorum=50%, approve>=2/3, window=7d) & timelock(48h) & no-veto(role(auditor))'),
    'a vote passes (at least 50 % of the electorate votes, at least 2/3 of the yes and no votes are yes, within 7 days), and 48 hours have passed, and no auditor vetoes',
  );
});
