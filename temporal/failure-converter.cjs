/* global require, exports -- CommonJS on purpose: see below */
// Failure converter loaded by path (the workflow bundle and the SDK's loadDataConverter both
// `require` it, and vitest does not hook Node's require for .ts, hence plain CommonJS): error
// messages and stack traces go into an encoded payload, so the payload codec encrypts them too.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK loads this file with require()
const { DefaultFailureConverter } = require('@temporalio/common');

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
