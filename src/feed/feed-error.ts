/** A poll that failed for a reason worth showing in `status`: the message is that reason, in one line. */
export class FeedError extends Error {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'network' | 'http' | 'encoding' | 'parse' | 'too-large' | 'redirect',
  ) {
    super(message);
    this.name = 'FeedError';
  }
}
