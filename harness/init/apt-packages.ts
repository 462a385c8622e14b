import type { CourseConfig } from '../config/course-config.js';

/** The Debian packages a course's submissions need, read from how they are built and started. */
export function aptPackagesFor(config: CourseConfig): string[] {
  const words = [...startWords(config.start), ...(config.build ?? [])].join(' ');
  const packages: string[] = [];
  if (/python|\.py\b/.test(words)) packages.push('python3');
  if (/\bjavac?\b|\.jar\b|\.java\b/.test(words)) packages.push('default-jdk-headless');
  if (/\b(gcc|cc|clang|make)\b|\.c\b/.test(words)) packages.push('gcc', 'make');
  return packages;
}

function startWords(start: CourseConfig['start']): readonly string[] {
  if (start === undefined) return [];
  if (typeof start === 'string') return [start];
  return 'firstOf' in start ? start.firstOf : start;
}
