// A record a link opens (a 待办 links to a page as ?task=<id>, ?review=<id>): the id to open, and
// a setter that, on closing, also drops the parameter so that a reload does not open it again.
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';

export function useLinkedId(param: string): [number | null, (id: number | null) => void] {
  const [search, setSearch] = useSearchParams();
  const [id, setIdState] = useState<number | null>(() => {
    const linked = Number(search.get(param));
    return Number.isInteger(linked) && linked > 0 ? linked : null;
  });
  const setId = (next: number | null) => {
    setIdState(next);
    if (next === null && search.has(param)) {
      const without = new URLSearchParams(search);
      without.delete(param);
      setSearch(without, { replace: true });
    }
  };
  return [id, setId];
}
