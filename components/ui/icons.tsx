/**
 * The few icons the dashboard needs, inline so that nothing is fetched from elsewhere (the CSP allows only this
 * origin). All are decorative: the control they sit in carries the accessible name.
 */
import type { SVGProps } from 'react';

type IconProps = SVGProps<SVGSVGElement>;

function Icon({ children, ...props }: IconProps) {
  return (
    <svg
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

export const DownloadIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M8 2.5v8M4.75 7.25 8 10.5l3.25-3.25M3 13.5h10" />
  </Icon>
);
export const TrashIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M2.75 4.25h10.5M6.25 4.25V2.75h3.5v1.5M4 4.25l.6 9h6.8l.6-9M6.75 6.75v4M9.25 6.75v4" />
  </Icon>
);
export const RepeatIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M2.75 7.25a4.75 4.75 0 0 1 8.4-3.05M13.25 8.75a4.75 4.75 0 0 1-8.4 3.05M11.5 1.75v2.75H8.75M4.5 14.25V11.5h2.75" />
  </Icon>
);
export const RefreshIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M13.25 8A5.25 5.25 0 1 1 11.7 4.3M13.25 2.5v3h-3" />
  </Icon>
);
export const CalendarIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="2.25" y="3.25" width="11.5" height="10.5" rx="1.5" />
    <path d="M2.25 6.5h11.5M5.25 1.75v3M10.75 1.75v3" />
  </Icon>
);
export const ChevronLeftIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M10 3.5 5.5 8l4.5 4.5" />
  </Icon>
);
export const ChevronRightIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M6 3.5 10.5 8 6 12.5" />
  </Icon>
);
export const AlertIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M8 1.75 1.25 13.75h13.5L8 1.75ZM8 6.25v3.5M8 11.75v.01" />
  </Icon>
);
export const CheckIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="m3.25 8.25 3 3 6.5-6.5" />
  </Icon>
);
export const XIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="m4 4 8 8M12 4l-8 8" />
  </Icon>
);
export const ClockIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="8" cy="8" r="5.75" />
    <path d="M8 4.75V8l2 1.5" />
  </Icon>
);
export const InboxIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M1.75 8.75 3.5 3.25h9l1.75 5.5v4H1.75v-4ZM1.75 8.75h3.5l1 1.75h3.5l1-1.75h3.5" />
  </Icon>
);

/** A spinner for "in progress"; still (a ring) for people who ask for reduced motion. */
export function Spinner({ className, ...p }: IconProps) {
  return (
    <Icon className={['motion-safe:animate-spin', className].filter(Boolean).join(' ')} {...p}>
      <circle cx="8" cy="8" r="5.75" opacity="0.25" />
      <path d="M13.75 8A5.75 5.75 0 0 0 8 2.25" />
    </Icon>
  );
}
