import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';

export interface SignaturePadHandle {
  /** The drawing as a PNG data URL, or null while nothing is drawn. */
  dataUrl(): string | null;
  clear(): void;
}

/**
 * A box to sign in with a finger (or a mouse): pointer events, so touch, pen and mouse alike.
 * The canvas is drawn at the device's pixel ratio, capped so the PNG stays well under the
 * api's 100 KB. Keyboard users type their name instead (the page offers both).
 */
export const SignaturePad = forwardRef<
  SignaturePadHandle,
  { label: string; describedBy: string; onInk: (hasInk: boolean) => void }
>(function SignaturePad({ label, describedBy, onInk }, ref) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [hasInk, setHasInk] = useState(false);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    element.width = Math.round(element.clientWidth * ratio);
    element.height = Math.round(element.clientHeight * ratio);
    const context = element.getContext('2d');
    if (!context) return;
    context.scale(ratio, ratio);
    context.lineWidth = 2.5;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.strokeStyle = '#1a1a2e';
  }, []);

  useImperativeHandle(ref, () => ({
    dataUrl: () => (hasInk && canvas.current ? canvas.current.toDataURL('image/png') : null),
    clear: () => {
      const element = canvas.current;
      element?.getContext('2d')?.clearRect(0, 0, element.width, element.height);
      setHasInk(false);
      onInk(false);
    },
  }));

  function point(event: React.PointerEvent<HTMLCanvasElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }

  return (
    <canvas
      ref={canvas}
      className="signature-pad"
      title={label}
      aria-describedby={describedBy}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        drawing.current = true;
        const context = event.currentTarget.getContext('2d');
        const { x, y } = point(event);
        context?.beginPath();
        context?.moveTo(x, y);
        context?.lineTo(x + 0.1, y + 0.1);
        context?.stroke();
      }}
      onPointerMove={(event) => {
        if (!drawing.current) return;
        const context = event.currentTarget.getContext('2d');
        const { x, y } = point(event);
        context?.lineTo(x, y);
        context?.stroke();
        if (!hasInk) {
          setHasInk(true);
          onInk(true);
        }
      }}
      onPointerUp={() => {
        drawing.current = false;
      }}
      onPointerCancel={() => {
        drawing.current = false;
      }}
    />
  );
});
