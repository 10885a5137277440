import qrcode from 'qrcode-generator';
import { useMemo } from 'preact/hooks';

/**
 * A QR code drawn as SVG rectangles (no markup strings, so nothing is injected), for an authenticator app to
 * scan an otpauth:// key URI. Error correction M, the smallest version that fits, a four-module quiet zone.
 */
export function QrCode({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const { size, path } = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text, 'Byte');
    qr.make();
    const n = qr.getModuleCount();
    let d = '';
    for (let row = 0; row < n; row++)
      for (let col = 0; col < n; col++) if (qr.isDark(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`;
    return { size: n + 8, path: d };
  }, [text]);
  return (
    <svg class="qr-code" viewBox={`0 0 ${size} ${size}`} width={size * 5} height={size * 5} role="img" aria-label={label} data-testid={testId} shape-rendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
