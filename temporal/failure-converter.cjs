// Failure converter loaded by path (the workflow bundle and the SDK's loadDataConverter both
// `require` it, hence plain CommonJS): error messages and stack traces go into an encoded payload,
// so the payload codec encrypts them like any other payload.
const { DefaultFailureConverter } = require('@temporalio/common');

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
