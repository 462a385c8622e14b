/** A file a set-up writes, relative to the folder it is written in. */
export interface SetupFile {
  readonly path: string;
  readonly content: string;
  /** 0o755 for scripts. */
  readonly mode?: number;
}

/** What every set-up is made from: the course's config file and conform's own packed tarball. */
export interface SetupInput {
  /** The course config file's text, copied as it is. */
  readonly configText: string;
  /** The tarball's file name, e.g. conform-0.1.0.tgz; the set-up installs conform from it. */
  readonly tarball: string;
  /** Apt packages the submissions' language needs (python3, default-jdk-headless, gcc). */
  readonly aptPackages: readonly string[];
}
