/**
 * A discrete-event simulation core: virtual time in seconds, events ordered by time and then by
 * the order they were scheduled (so runs are deterministic), and processes written as generators
 * that yield what they wait for. Strategies, stampedes and anything else timed run on it.
 */

/** Something a process waits for: it is handed the function that resumes the process with a value. */
export type Awaitable<T> = (resume: (value: T) => void) => void;

/** A process: a generator that yields awaitables and is resumed with their values. */
export type Process<T> = Generator<Awaitable<unknown>, T, unknown>;

/** Waits for `awaitable` inside a process, typed: `const row = yield* wait(db.read(key))`. */
export function* wait<T>(awaitable: Awaitable<T>): Generator<Awaitable<unknown>, T, unknown> {
  return (yield awaitable as Awaitable<unknown>) as T;
}

interface ScheduledEvent {
  readonly time: number;
  readonly sequence: number;
  readonly action: () => void;
}

export class EventLoop {
  /** Current virtual time, seconds. */
  now = 0;
  private readonly heap: ScheduledEvent[] = [];
  private sequence = 0;

  /** Runs `action` at virtual time `time` (not before now). */
  at(time: number, action: () => void): void {
    if (!(time >= this.now)) throw new Error(`cannot schedule at t=${time} s: it is already t=${this.now} s`);
    this.push({ time, sequence: this.sequence++, action });
  }

  after(delay: number, action: () => void): void {
    this.at(this.now + delay, action);
  }

  /** An awaitable that resumes after `seconds`. */
  delay(seconds: number): Awaitable<void> {
    return (resume) => this.after(seconds, () => resume(undefined));
  }

  /** Starts a process now; `onDone` gets its result. */
  spawn<T>(process: Process<T>, onDone?: (result: T) => void): void {
    const step = (value: unknown): void => {
      const next = process.next(value);
      if (next.done) onDone?.(next.value);
      else next.value(step);
    };
    step(undefined);
  }

  /** Runs events in order until none are left or the next is later than `until`. */
  run(until = Infinity): void {
    while (this.heap.length > 0 && this.heap[0]!.time <= until) {
      const event = this.pop();
      this.now = event.time;
      event.action();
    }
  }

  get pending(): number {
    return this.heap.length;
  }

  private static before(a: ScheduledEvent, b: ScheduledEvent): boolean {
    return a.time < b.time || (a.time === b.time && a.sequence < b.sequence);
  }

  private push(event: ScheduledEvent): void {
    const heap = this.heap;
    let at = heap.length;
    heap.push(event);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!EventLoop.before(event, heap[parent]!)) break;
      heap[at] = heap[parent]!;
      at = parent;
    }
    heap[at] = event;
  }

  private pop(): ScheduledEvent {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let at = 0;
      for (;;) {
        let child = 2 * at + 1;
        if (child >= heap.length) break;
        if (child + 1 < heap.length && EventLoop.before(heap[child + 1]!, heap[child]!)) child++;
        if (!EventLoop.before(heap[child]!, last)) break;
        heap[at] = heap[child]!;
        at = child;
      }
      heap[at] = last;
    }
    return top;
  }
}

/** Up to `capacity` holders at once; the rest wait in FIFO order (app workers, connections). */
export class Semaphore {
  private held = 0;
  private readonly waiting: (() => void)[] = [];
  /** Most holders ever at once. */
  peakHeld = 0;
  /** Most waiters ever at once. */
  peakWaiting = 0;

  constructor(readonly capacity: number) {}

  acquire(): Awaitable<void> {
    return (resume) => {
      const take = (): void => {
        this.held++;
        this.peakHeld = Math.max(this.peakHeld, this.held);
        resume(undefined);
      };
      if (this.held < this.capacity) take();
      else {
        this.waiting.push(take);
        this.peakWaiting = Math.max(this.peakWaiting, this.waiting.length);
      }
    };
  }

  release(): void {
    this.held--;
    this.waiting.shift()?.();
  }
}

/**
 * A server with `capacity` concurrent slots (a database's connection pool): work beyond that waits
 * in a FIFO queue, so latency grows when it is overloaded.
 */
export class Resource {
  readonly slots: Semaphore;

  constructor(
    private readonly loop: EventLoop,
    capacity: number,
  ) {
    this.slots = new Semaphore(capacity);
  }

  /** Holds a slot for `seconds`, then runs `work` (the commit point) and resumes with its result. */
  use<T>(seconds: number, work: () => T): Awaitable<T> {
    return (resume) =>
      this.slots.acquire()(() =>
        this.loop.after(seconds, () => {
          const result = work();
          this.slots.release();
          resume(result);
        }),
      );
  }
}
