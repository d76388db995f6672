import { describe, expect, it } from 'vitest';
import type { Classifier, ClassifierOutput } from '../../classification/classifier.js';
import { describeError, withFailClosedTimeout } from '../../classification/fail-closed.js';

const clean: ClassifierOutput = { entities: [], ms: 1 };

function fakeClassifier(classify: (text: string) => Promise<ClassifierOutput>): Classifier {
  return { name: 'fake', classify };
}

describe('withFailClosedTimeout', () => {
  it('passes a prompt result through unchanged', async () => {
    const wrapped = withFailClosedTimeout(fakeClassifier(async () => clean), 1_000);
    await expect(wrapped.classify('hello')).resolves.toEqual(clean);
  });

  it('fails closed, naming the classifier, when the result never arrives', async () => {
    const wrapped = withFailClosedTimeout(fakeClassifier(() => new Promise<ClassifierOutput>(() => {})), 10);
    const output = await wrapped.classify('hello');
    expect(output.failure?.reason).toBe('classifier "fake" timed out after 10 ms');
    expect(output.entities).toEqual([]);
  });

  it('fails closed when the classifier rejects', async () => {
    const wrapped = withFailClosedTimeout(fakeClassifier(async () => Promise.reject(new RangeError('bad'))), 1_000);
    const output = await wrapped.classify('hello');
    expect(output.failure?.reason).toBe('classifier "fake" threw: RangeError: bad');
  });

  it('fails closed when the classifier throws synchronously', async () => {
    const wrapped = withFailClosedTimeout(
      fakeClassifier(() => {
        throw new Error('sync');
      }),
      1_000,
    );
    const output = await wrapped.classify('hello');
    expect(output.failure?.reason).toContain('Error: sync');
  });

  it('fails closed on a non-string input without calling the classifier', async () => {
    let called = false;
    const wrapped = withFailClosedTimeout(
      fakeClassifier(async () => {
        called = true;
        return clean;
      }),
      1_000,
    );
    const output = await wrapped.classify(123 as unknown as string);
    expect(output.failure?.reason).toMatch(/not a string \(got number\)/);
    expect(called).toBe(false);
  });

  it('keeps the wrapped classifier name', () => {
    expect(withFailClosedTimeout(fakeClassifier(async () => clean), 5).name).toBe('fake');
  });
});

describe('describeError', () => {
  it('describes Errors by name and message, and other thrown values by their string form', () => {
    expect(describeError(new TypeError('x'))).toBe('TypeError: x');
    expect(describeError('plain')).toBe('non-Error thrown: plain');
  });
});
