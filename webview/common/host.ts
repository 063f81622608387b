/** The webview's side of the message protocol: typed posting, validated receiving, saved state. */
import type { z } from 'zod';
import { parseMessage } from '../../src/shared/protocol';

interface VsCodeApi<Out, State> {
  postMessage(message: Out): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<Out, State>(): VsCodeApi<Out, State>;

export interface Host<Out, In, State> {
  post(message: Out): void;
  /** Calls `handler` with every valid message; `onInvalid` with a sentence for any other. */
  listen(handler: (message: In) => void, onInvalid: (error: string) => void): void;
  readonly savedState: State | undefined;
  saveState(state: State): void;
}

export function connectHost<Out, In, State>(schema: z.ZodType<In>): Host<Out, In, State> {
  const api = acquireVsCodeApi<Out, State>();
  return {
    post: (message) => api.postMessage(message),
    listen(handler, onInvalid) {
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        const parsed = parseMessage(schema, event.data);
        if (parsed.ok) handler(parsed.message);
        else onInvalid(`Cache Lab received a message it does not understand: ${parsed.error}`);
      });
    },
    savedState: api.getState(),
    saveState: (state) => api.setState(state),
  };
}
