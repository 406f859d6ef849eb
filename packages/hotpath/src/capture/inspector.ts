import { Session } from 'node:inspector';

/**
 * An in-process inspector session with a synchronous `post`.
 *
 * Why synchronous: a session connected to its own thread answers `post` before `post`
 * returns, so capture can be started before the program's modules load and stopped
 * inside a `process.on('exit')` handler, where no promise would ever settle.
 */
export class InspectorSession {
  private readonly session = new Session();

  constructor() {
    this.session.connect();
  }

  /** Sends a protocol command and returns its result. @throws the protocol error. */
  post<T = unknown>(method: string, params?: object): T {
    let result: unknown;
    let failure: Error | null = null;
    let answered = false;
    this.session.post(method, params, (error: Error | null, value?: unknown) => {
      failure = error;
      result = value;
      answered = true;
    });
    if (!answered) throw new Error(`inspector did not answer ${method} synchronously`);
    if (failure) throw failure;
    return result as T;
  }

  /** Ends the session; V8 stops whatever this session started. */
  disconnect(): void {
    this.session.disconnect();
  }
}
