/** Character-code tests shared by the scanners that read text code unit by code unit. */

/** Whether a UTF-16 code unit is an ASCII digit 0-9 (other scripts' digits reach detectors folded to these). */
export function isAsciiDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}
