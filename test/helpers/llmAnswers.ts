/** Realistic answers of a proposer and a coder, as JSON text, for the fake OpenAI server. */

function ideaAnswer(
  overrides: { readonly idea?: string; readonly editsProbes?: boolean } = {}
): string {
  return JSON.stringify({
    idea:
      overrides.idea ??
      'Raise dropout from 0.2 to 0.3: the validation curve peaks early and falls, a sign of over-fitting on short histories.',
    failure_modes: {
      user_facing: ['recommendations repeat the most popular titles'],
      model_facing: ['over-fitting of the item embeddings'],
    },
    changes: ['set HPARAMS["dropout"] to 0.3'],
    edits_probes: overrides.editsProbes ?? false,
  });
}

/** A coder's answer wrapped the way models often answer: prose and a fenced JSON block. */
function editsAnswer(
  edits: readonly { file?: string; block: string; search: string; replace: string }[]
): string {
  const body = JSON.stringify(
    { edits: edits.map((edit) => ({ file: 'model.py', ...edit })) },
    null,
    2
  );
  return `Here are the edits.\n\n\`\`\`json\n${body}\n\`\`\`\n`;
}

const dropoutEdit = {
  block: 'hyperparameters',
  search: '"dropout": 0.2,',
  replace: '"dropout": 0.3,',
};

export { dropoutEdit, editsAnswer, ideaAnswer };
