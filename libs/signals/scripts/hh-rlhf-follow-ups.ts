// Reads the 2nd and later Human turns of the hh-rlhf test transcripts (`chosen` side; the two sides
// share every turn but the last Assistant one), with the turns before them for context.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const HH_RLHF_FILES = ['helpful-base.test.jsonl.gz', 'harmless-base.test.jsonl.gz'] as const;

export interface HumanFollowUp {
  /** `<file stem>:<1-based line>:<1-based Human turn>`, e.g. `helpful-base.test:12:2`. */
  source_line: string;
  text: string;
  previous_human: string;
  previous_assistant: string;
}

/** Splits "\n\nHuman: ... \n\nAssistant: ..." into turns. */
export function parseTranscript(transcript: string): { role: 'human' | 'assistant'; text: string }[] {
  const turns: { role: 'human' | 'assistant'; text: string }[] = [];
  for (const part of transcript.split(/\n\n(?=Human: |Assistant: )/)) {
    const match = /^(Human|Assistant): ?([\s\S]*)$/.exec(part.trim());
    if (match) turns.push({ role: match[1] === 'Human' ? 'human' : 'assistant', text: match[2].trim() });
  }
  return turns;
}

export function readHumanFollowUps(datasetDir: string): HumanFollowUp[] {
  const out: HumanFollowUp[] = [];
  for (const file of HH_RLHF_FILES) {
    const stem = file.replace(/\.jsonl\.gz$/, '');
    const lines = zlib.gunzipSync(fs.readFileSync(path.join(datasetDir, file))).toString('utf8').split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const turns = parseTranscript((JSON.parse(line) as { chosen: string }).chosen);
      let humanIndex = 0;
      let previousHuman = '';
      for (let t = 0; t < turns.length; t++) {
        if (turns[t].role !== 'human') continue;
        humanIndex++;
        const previousAssistant = t > 0 && turns[t - 1].role === 'assistant' ? turns[t - 1].text : '';
        if (humanIndex >= 2 && turns[t].text) {
          out.push({ source_line: `${stem}:${i + 1}:${humanIndex}`, text: turns[t].text, previous_human: previousHuman, previous_assistant: previousAssistant });
        }
        previousHuman = turns[t].text;
      }
    });
  }
  return out;
}
