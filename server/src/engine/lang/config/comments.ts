import type { OffsetRange } from '../../types';

/** `commentAt` over a list of comment ranges in document order (binary search). */
export function commentLookup(comments: readonly OffsetRange[]): (offset: number) => OffsetRange | undefined {
  return (offset) => {
    let low = 0;
    let high = comments.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const comment = comments[mid];
      if (offset < comment.start) high = mid - 1;
      else if (offset >= comment.end) low = mid + 1;
      else return comment;
    }
    return undefined;
  };
}
