// COUNTER_SUSHI R5.1 Exceptions (COUNTER_SUSHI_API.json, components/schemas/Exception_NNNN): code and exact message.
export const EXCEPTIONS = {
  1030: 'Insufficient Information to Process Request',
  3020: 'Invalid Date Arguments',
  3030: 'No Usage Available for Requested Dates',
  3031: 'Usage Not Ready for Requested Dates',
  3050: 'Parameter Not Recognized in this Context',
  3060: 'Invalid ReportFilter Value',
  3062: 'Invalid ReportAttribute Value',
  3063: 'Components Not Supported',
} as const;

export type ExceptionCode = keyof typeof EXCEPTIONS;
export interface SushiException {
  Code: number;
  Message: string;
  Data?: string;
}

export function sushiException(code: ExceptionCode, data?: string): SushiException {
  return { Code: code, Message: EXCEPTIONS[code], ...(data ? { Data: data } : {}) };
}
