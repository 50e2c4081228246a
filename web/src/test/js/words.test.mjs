// What is about to be signed, in words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeAction } from '../../main/js/core/words.js';
import { formatMoney, parseMoney, statement, statementCsv } from '../../main/js/core/money.js';
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
    { kind: 'payout', index: 5, at: 1000, memberId: 'a1', currency: 'EUR', amountMinor: 50, reference: 'r' },
  ];
  const rows = statement(events, 'a1');
  assert.deepEqual(rows.map((r) => r.balanceMinor), [60, 10]);
  const csv = statementCsv(rows);
  assert.match(csv, /"share of drop:""x"", y revenue",EUR,60,0\.60,0\.60\r\n/);
  assert.match(csv, /payout r,EUR,-50,-0\.50,0\.10\r\n$/);
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
