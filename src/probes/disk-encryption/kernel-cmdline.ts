/** Kernel parameters that unlock a LUKS device at boot (dracut, systemd, Arch's encrypt hook). */
const luksParameter = /(?:^|\s|")(rd\.luks\.(?:uuid|name)|luks\.(?:uuid|name)|rd\.luks|cryptdevice)=(\S+?)(?="|\s|$)/g;

export const luksKernelParameters = (text: string): string[] =>
  [...text.matchAll(luksParameter)].flatMap((match) => (match[1] && match[2] ? [`${match[1]}=${match[2]}`] : []));
