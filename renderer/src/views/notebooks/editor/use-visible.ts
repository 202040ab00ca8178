import { useEffect, useState, type RefObject } from 'react';

type Listener = (visible: boolean) => void;
const listeners = new WeakMap<Element, Listener>();
let observer: IntersectionObserver | null = null;

/** One observer for every cell: a few hundred of them cost one, not hundreds. */
function shared(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) listeners.get(entry.target)?.(entry.isIntersecting);
    },
    { rootMargin: '600px 0px' },
  );
  return observer;
}

/** Whether the element is on screen or near it; once true it stays true (the work it gates is cached). */
export function useSeenOnce(ref: RefObject<Element | null>): boolean {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || seen) return;
    const io = shared();
    listeners.set(element, (visible) => visible && setSeen(true));
    io.observe(element);
    return () => {
      io.unobserve(element);
      listeners.delete(element);
    };
  }, [ref, seen]);
  return seen;
}
