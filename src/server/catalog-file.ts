import { catalogProblems, type Catalog } from '../core/catalog.ts';
import { InvalidFileError, readJsonFile } from './organisation-seed.ts';

/** Loads a request-type catalog (`tix serve --catalog FILE`), checked in full before the server starts. */
export async function readCatalogFile(path: string): Promise<Catalog> {
  const data = await readJsonFile(path, 'request-type catalog');
  const problems = catalogProblems(data);
  if (problems.length) throw new InvalidFileError(path, 'request-type catalog', problems);
  return data as Catalog;
}
