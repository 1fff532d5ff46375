import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeSimilarity, findNearDuplicate } from '../../../../shared/src/core/program/index.js';
import { InvalidArgumentError } from '../../../../shared/src/errors.js';
import { repoRoot } from '../../../../shared/src/local/index.js';

const seed = { 'model.py': readFileSync(join(repoRoot, 'programs', 'sasrec', 'model.py'), 'utf8') };

/** Another recommender altogether: a GRU over the sequence, with its own loss and optimiser. */
const gru = {
  'model.py': `import torch
from torch import nn

HPARAMS = {"hidden": 100, "max_len": 50, "batch_size": 256, "lr": 0.01}
TAPS = ("last_state",)


class GRU4Rec(nn.Module):
    def __init__(self, num_items):
        super().__init__()
        self.embed = nn.Embedding(num_items + 1, HPARAMS["hidden"], padding_idx=0)
        self.gru = nn.GRU(HPARAMS["hidden"], HPARAMS["hidden"], batch_first=True)
        self.head = nn.Linear(HPARAMS["hidden"], num_items)

    def forward(self, item_seq):
        output, _ = self.gru(self.embed(item_seq))
        last_state = output[:, -1]
        return {"scores": self.head(last_state), "last_state": last_state}

    def training_loss(self, item_seq, targets):
        output, _ = self.gru(self.embed(item_seq))
        mask = targets > 0
        return nn.functional.cross_entropy(self.head(output[mask]), targets[mask] - 1)


def build_model(num_items):
    return GRU4Rec(num_items)


def build_optimizer(model):
    return torch.optim.Adagrad(model.parameters(), lr=HPARAMS["lr"])
`,
};

describe('codeSimilarity', () => {
  it('scores 1 for programs that differ only in comments, docstrings and whitespace', () => {
    // Prepare
    const restyled = {
      'model.py': seed['model.py']
        .replace(/^( *)# .*$/gm, '$1# reworded comment')
        .replace('"""BCE against', '"""Binary cross-entropy against')
        .replace(/\n\n/g, '\n\n\n')
        .replace(/ = /g, ' =  '),
    };

    // Act
    const similarity = codeSimilarity(seed, restyled);

    // Assess
    expect(restyled['model.py']).not.toBe(seed['model.py']);
    expect(similarity).toBe(1);
  });

  it('scores just under 1 for a one-value change and low for a different model', () => {
    // Prepare
    const oneValue = { 'model.py': seed['model.py'].replace('"hidden": 64', '"hidden": 128') };

    // Act
    const nearly = codeSimilarity(seed, oneValue);
    const different = codeSimilarity(seed, gru);

    // Assess
    expect(nearly).toBeGreaterThan(0.99);
    expect(nearly).toBeLessThan(1);
    expect(different).toBeLessThan(0.2);
  });

  it('is symmetric and takes every file into account', () => {
    // Prepare
    const withProbes = { ...seed, 'probes.js': 'export function probe(taps) { return 1; }\n' };

    // Act
    const forth = codeSimilarity(seed, withProbes);
    const back = codeSimilarity(withProbes, seed);

    // Assess
    expect(forth).toBe(back);
    expect(forth).toBeLessThan(1);
  });

  it('compares two ~10 KB programs in a few milliseconds', () => {
    // Prepare
    const big = { 'model.py': seed['model.py'].repeat(2) };
    const started = performance.now();

    // Act
    for (let round = 0; round < 20; round += 1) codeSimilarity(big, seed);

    // Assess
    expect(big['model.py'].length).toBeGreaterThan(10_000);
    expect((performance.now() - started) / 20).toBeLessThan(50);
  });
});

describe('findNearDuplicate', () => {
  it('returns the most similar program at or above the threshold', () => {
    // Prepare
    const others = [
      { id: 'gru', files: gru },
      { id: 'restyled', files: { 'model.py': `${seed['model.py']}\n# one more comment\n` } },
      {
        id: 'wider',
        files: { 'model.py': seed['model.py'].replace('"hidden": 64', '"hidden": 96') },
      },
    ];

    // Act
    const found = findNearDuplicate(seed, others, 0.99);

    // Assess
    expect(found?.program.id).toBe('restyled');
    expect(found?.similarity).toBe(1);
  });

  it('returns undefined when no program reaches the threshold', () => {
    // Act
    const found = findNearDuplicate(seed, [{ files: gru }], 0.9);

    // Assess
    expect(found).toBeUndefined();
  });

  it('refuses a threshold outside [0, 1]', () => {
    // Act
    const find = () => findNearDuplicate(seed, [], 1.5);

    // Assess
    expect(find).toThrow(InvalidArgumentError);
  });
});
