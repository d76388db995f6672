import { describe, expect, it } from 'vitest';
import { logprobsOf, tokenLogprobsOf } from '../../backends/token-logprobs.js';

// llama.cpp's server answers `logprobs: true` without `top_logprobs` with 20 alternatives per token.
const alternatives = Array.from({ length: 20 }, (_, rank) => ({ token: `t${rank}`, logprob: -1 - rank, bytes: [116] }));
const entries = [{ token: 't0', logprob: -1, bytes: [116], top_logprobs: alternatives }, null, { token: 3 }];

describe('token logprobs from the wire', () => {
  it('keeps no alternatives when none were asked for, even when the server sends them', () => {
    expect(tokenLogprobsOf(entries)).toEqual([{ token: 't0', logprob: -1 }]);
    expect(tokenLogprobsOf(entries, 0)).toEqual([{ token: 't0', logprob: -1 }]);
  });

  it('keeps at most as many alternatives as asked, most likely first, without their bytes', () => {
    expect(tokenLogprobsOf(entries, 2)).toEqual([{ token: 't0', logprob: -1, top: [{ token: 't0', logprob: -1 }, { token: 't1', logprob: -2 }] }]);
    expect(logprobsOf([entries[0]], 3).tokenLogprobs?.[0]?.top).toHaveLength(3);
  });
});
