import { diffView, fileDiff } from './diffView.js';
import type { Markup } from './html.js';
import { html } from './html.js';
import { VALIDATION_METRICS } from './reportFigures.js';
import type { ReportDiagnosis, ReportProgram, ReportSimulation } from './runReportData.js';

/** The file of a program that co-evolves with it: the diagnosis's own probes. */
const PROBES_FILE = 'probes.js';

const fixed = (value: number | undefined, digits = 4): string =>
  value === undefined ? '–' : value.toFixed(digits);

/** A link to a program's details. */
function programLink(programId: string): Markup {
  return html`<a href=${`#program-${programId}`}><code>${programId}</code></a>`;
}

/** Name and value pairs as a compact table. */
function figureTable(figures: Readonly<Record<string, number>>): Markup {
  const names = Object.keys(figures).sort();
  if (names.length === 0) return html`<p class="muted">no figures</p>`;
  return html`<table class="figures">
    ${names.map((name) => html`<tr><th>${name}</th><td>${fixed(figures[name])}</td></tr>`)}
  </table>`;
}

function simulationPart(simulation: ReportSimulation | undefined): Markup {
  if (simulation === undefined) return html`<p class="muted">not kept (work objects expire)</p>`;
  const { simulator, figures, failure, fallback } = simulation;
  if (simulator === undefined) {
    return html`<p><span class="status CRITICAL">FAILED</span>${` ${failure ?? 'no simulated user answered'}`}</p>`;
  }
  return html`${fallback === undefined ? null : html`<p class="muted">${`rules stood in for the LLM: ${fallback}`}</p>`}
    <p><span class=${`status ${simulator.status}`}>${simulator.status}</span>${` ${simulator.summary}`}</p>
    ${
      simulator.failureModes.length === 0
        ? null
        : html`<ul>${simulator.failureModes.map((mode) => html`<li>${mode}</li>`)}</ul>`
    }
    ${figureTable(figures)}`;
}

function diagnosisPart(diagnosis: ReportDiagnosis | undefined): Markup {
  if (diagnosis === undefined) return html`<p class="muted">not kept (work objects expire)</p>`;
  const { status, findings } = diagnosis.diagnosis;
  return html`<p><span class=${`status ${status}`}>${status}</span></p>
    ${
      findings.length === 0
        ? html`<p class="muted">no findings</p>`
        : html`<ul class="findings">${findings.map((finding) => html`<li>${finding}</li>`)}</ul>`
    }`;
}

/** What changed in probes.js and what vetting made of it. */
function probeChanges(program: ReportProgram): Markup {
  const change =
    program.diffFromParent === undefined
      ? undefined
      : fileDiff(program.diffFromParent, PROBES_FILE);
  const probes = program.diagnosis?.probes;
  return html`${
    change !== undefined
      ? diffView(change)
      : html`<p class="muted">${
          program.record.parentId === null
            ? "the seed's own probes.js"
            : 'probes.js unchanged from the parent'
        }</p>`
  }
    ${
      probes?.rejection === undefined
        ? null
        : html`<p class="rejected">Rejected, the parent's kept: ${probes.rejection}</p>`
    }
    ${
      probes?.dropped === undefined
        ? null
        : html`<p>Dropped (did not move under perturbation): ${probes.dropped.join(', ')}</p>`
    }
    ${probes === undefined ? null : figureTable(probes.figures)}`;
}

/** The judge's figures of a program that trained, with the job's own beside them. */
function metricsPart(program: ReportProgram): Markup {
  const { record } = program;
  const judged = record.judged;
  return html`<table class="figures">
      <tr><th></th><th>judge (held-out users)</th><th>job (tuning users)</th></tr>
      ${VALIDATION_METRICS.map(
        (name) => html`<tr><th>${name}</th><td>${fixed(record.metrics[name])}</td>
          <td>${fixed(judged?.jobMetrics[name])}</td></tr>`
      )}
      <tr><th>satisfaction</th><td>${fixed(record.features.satisfaction)}</td><td></td></tr>
      <tr><th>coverage</th><td>${fixed(record.features.coverage)}</td><td></td></tr>
    </table>
    ${
      judged === undefined
        ? null
        : html`<p class="muted">${judged.users} held-out users${
            judged.agreement === undefined
              ? ''
              : judged.agreement.agrees
                ? '; the job agrees with the judge'
                : `; the job's ${judged.agreement.metric} ${fixed(judged.agreement.job)} disagrees with the judge's ${fixed(judged.agreement.judge)}`
          }</p>`
    }`;
}

function repairsPart(program: ReportProgram): Markup | null {
  const { repairs } = program.record;
  if (repairs.length === 0) return null;
  return html`<h4>Repairs</h4>
    <ul>${repairs.map(
      (repair) => html`<li>attempt ${repair.attempt}: ${repair.error.kind}: ${repair.error.message}
        ${repair.diagnosis === undefined ? null : html`<br />repair: ${repair.diagnosis}`}</li>`
    )}</ul>`;
}

/** One program's page section: what it is, where it came from, what it scored and was told. */
function programDetails(program: ReportProgram, bestId: string | undefined): Markup {
  const { record } = program;
  const fitness = record.metrics['val_ndcg@10'];
  const heading =
    record.status === 'ok'
      ? `val NDCG@10 ${fixed(fitness)}`
      : `${record.failure?.stage ?? 'failed'}: ${record.failure?.reason ?? ''}`;
  return html`<details class=${`program ${record.status}`} id=${`program-${record.id}`}
    data-program=${record.id} open=${record.id === bestId}>
    <summary><code>${record.id}</code>${` · generation ${record.generation} · `}<span
      class=${record.status}>${record.status}</span>${` · ${heading}`}${
        record.id === bestId ? html` <strong>(best)</strong>` : null
      }</summary>
    <dl>
      <dt>Parent</dt><dd>${record.parentId === null ? 'none (the seed)' : programLink(record.parentId)}</dd>
      <dt>Idea</dt><dd class="idea">${record.idea ?? '–'}</dd>
      ${
        record.failure === undefined
          ? null
          : html`<dt>Failure</dt><dd class="failure">at ${record.failure.stage}: ${record.failure.reason}</dd>`
      }
      <dt>Cost</dt><dd>USD ${fixed(record.usd)} · training ${fixed(record.trainSeconds, 1)} s</dd>
    </dl>
    ${record.status === 'ok' ? metricsPart(program) : null}
    <h4>Simulated users</h4>${simulationPart(program.simulation)}
    <h4>Diagnosis</h4>${diagnosisPart(program.diagnosis)}
    <h4>Probe changes</h4>${probeChanges(program)}
    ${repairsPart(program)}
    ${
      program.simulation === undefined && program.diagnosis === undefined && record.feedback
        ? html`<h4>Feedback as the next prompt saw it</h4><pre class="feedback">${record.feedback}</pre>`
        : null
    }
    ${
      program.diffFromParent === undefined || program.diffFromParent === ''
        ? null
        : html`<details><summary>Diff from the parent</summary>${diffView(program.diffFromParent)}</details>`
    }
  </details>`;
}

export { fixed, programDetails, programLink };
