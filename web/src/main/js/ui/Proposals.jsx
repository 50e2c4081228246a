import { useState } from 'preact/hooks';
import { describeProposalView } from '../core/words.js';
import { clauseInWords, voteRule, voteStanding } from '../core/vote.js';
import { time, timeLeft } from './parts.jsx';
import { ProposeForm } from './ProposeForm.jsx';

/** Open proposals first (newest first), then closed ones with their outcome. */
export function Proposals({ data, names, me, onAct }) {
  const open = data.proposals.filter(isOpen).sort((a, b) => b.openedAtMillis - a.openedAtMillis);
  const closed = data.proposals.filter((p) => !isOpen(p)).sort((a, b) => (b.closedAtMillis || 0) - (a.closedAtMillis || 0));
  return (
    <section aria-labelledby="view-heading">
      <h1 id="view-heading" tabIndex={-1}>
        Proposals
      </h1>
      <ProposeForm data={data} names={names} me={me} onAct={onAct} />
      <h2>Open ({open.length})</h2>
      {open.length === 0 && <p>No open proposals.</p>}
      <ul class="cards">
        {open.map((p) => (
          <ProposalCard key={p.id} p={p} data={data} names={names} me={me} onAct={onAct} />
        ))}
      </ul>
      <h2>Closed ({closed.length})</h2>
      <ul class="cards">
        {closed.map((p) => (
          <ProposalCard key={p.id} p={p} data={data} names={names} me={me} onAct={onAct} />
        ))}
      </ul>
    </section>
  );
}

// Open and passed proposals can still be acted on; executed, rejected and expired ones are closed.
function isOpen(p) {
  return p.status === 'open' || p.status === 'passed';
}

function ProposalCard({ p, data, names, me, onAct }) {
  const [reason, setReason] = useState('');
  const who = (id) => names.get(id) || id.slice(0, 12);
  const t = p.tally;
  const open = isOpen(p);
  const approvedByMe = me && p.approvals[me.id] != null;
  const headingId = 'p-' + p.id.slice(0, 12);
  const status = open ? (p.executable ? `${p.status} — ready to execute` : p.canNeverPass ? `${p.status} — can never pass` : p.status) : p.status;
  return (
    <li class={'card proposal ' + p.status} aria-labelledby={headingId} data-proposal={p.id}>
      <h3 id={headingId}>
        {p.title} <span class={'badge ' + p.status}>{status}</span>
      </h3>
      <p class="what">{describeProposalView(p, names)}</p>
      {p.text && <p class="text">{p.text}</p>}
      <dl class="facts">
        <dt>Kind</dt>
        <dd>{p.kind}</dd>
        <dt>Proposed by</dt>
        <dd>
          {who(p.author)} on {time(p.openedAtMillis)}
        </dd>
        <dt>Rule</dt>
        <dd>
          <span class="clause-words">Passes when {clauseInWords(p.clause)}.</span>
          <br />
          <code>{p.clause}</code>
        </dd>
        <dt>Votes</dt>
        <dd>
          <Tally tally={t} clause={p.clause} />
        </dd>
        {open && p.votingClosesAtMillis != null && (
          <>
            <dt>Voting</dt>
            <dd>
              closes {time(p.votingClosesAtMillis)} ({timeLeft(p.votingClosesAtMillis)})
            </dd>
          </>
        )}
        <dt>Approved by</dt>
        <dd>{Object.keys(p.approvals).length ? Object.keys(p.approvals).map(who).join(', ') : 'nobody yet'}</dd>
        {Object.keys(p.vetoes).length > 0 && (
          <>
            <dt>Vetoed by</dt>
            <dd>{Object.keys(p.vetoes).map(who).join(', ')}</dd>
          </>
        )}
        {!open && (
          <>
            <dt>Outcome</dt>
            <dd>
              {p.status} on {time(p.closedAtMillis)}
            </dd>
          </>
        )}
      </dl>
      {open && p.missing.length > 0 && (
        <div class="missing">
          <strong>Still needs:</strong>
          <ul>
            {p.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      {open && (
        <div class="actions" role="group" aria-label={'Act on ' + p.title}>
          {!me && (
            <p class="hint">
              <a href="#/key">Sign in with your key</a> to vote or approve.
            </p>
          )}
          <label>
            Reason (optional)
            <input type="text" value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          <div class="buttons">
            <button type="button" disabled={!me} onClick={() => onAct({ castVote: { proposalId: p.id, choice: 1, reason } })}>
              Vote yes
            </button>
            <button type="button" disabled={!me} onClick={() => onAct({ castVote: { proposalId: p.id, choice: 2, reason } })}>
              Vote no
            </button>
            <button type="button" disabled={!me} onClick={() => onAct({ castVote: { proposalId: p.id, choice: 3, reason } })}>
              Abstain
            </button>
            {approvedByMe ? (
              <button type="button" disabled={!me} onClick={() => onAct({ withdrawApproval: { proposalId: p.id } })}>
                Withdraw approval
              </button>
            ) : (
              <button type="button" disabled={!me} onClick={() => onAct({ approve: { proposalId: p.id } })}>
                Approve
              </button>
            )}
            <button type="button" disabled={!me} onClick={() => onAct({ veto: { proposalId: p.id, reason } })}>
              Veto
            </button>
            <button type="button" class="primary" disabled={!me} onClick={() => onAct({ execute: { proposalId: p.id } })}>
              Execute
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

/** Yes / no / abstain / not voted as a bar with the numbers in text beside it. */
function Tally({ tally, clause }) {
  const rule = voteRule(clause);
  const standing = rule && voteStanding(rule, tally);
  const parts = [
    ['yes', tally.yes],
    ['no', tally.no],
    ['abstain', tally.abstain],
    ['notvoted', tally.notVoted],
  ];
  const total = Math.max(1, tally.eligible);
  return (
    <div class="tally">
      <div class="bar" aria-hidden="true">
        {parts.map(([k, v]) => v > 0 && <span key={k} class={'seg ' + k} style={{ width: (100 * v) / total + '%' }} />)}
      </div>
      <span class="tally-text">
        yes {tally.yes}, no {tally.no}, abstain {tally.abstain}, not voted {tally.notVoted} (of {tally.eligible})
      </span>
      {standing && (
        <ul class="standing">
          <li class={standing.quorumMet ? 'met' : 'unmet'}>
            turnout {standing.turnoutPercent} %, quorum {rule.quorum.text}: {standing.quorumMet ? 'met' : 'not met'}
          </li>
          <li class={standing.approveMet ? 'met' : 'unmet'}>
            yes {standing.yesPercent} % of yes and no, needs {rule.strict ? 'more than' : 'at least'} {rule.approve.text}:{' '}
            {standing.approveMet ? 'met' : 'not met'}
          </li>
        </ul>
      )}
    </div>
  );
}
