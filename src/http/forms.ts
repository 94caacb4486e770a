// What a form round trip carries back to the page: a field and the message key of what is wrong with it.
import type { MessageKey } from '../i18n/i18n.ts';

/** One wrong field of a submitted form, as a translation key (and its placeholders). */
export interface FieldError {
  field: string;
  key: MessageKey;
  vars?: Record<string, string | number>;
}
