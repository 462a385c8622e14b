/** A promise settled from outside: a value one part of the runner hands to another later. */
export class Deferred<T> {
  readonly promise: Promise<T>;
  resolve: (value: T) => void = () => undefined;
  reject: (error: unknown) => void = () => undefined;

  constructor() {
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Whoever awaits it sees a rejection; one nobody awaits (the run already failed) is not unhandled.
    this.promise.catch(() => undefined);
  }
}
