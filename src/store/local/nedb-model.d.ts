// NeDB's model module, which the package ships but does not type: the parts the adapter uses.
declare module '@seald-io/nedb/lib/model' {
  export function serialize(doc: unknown): string;
  export let deepCopy: (value: unknown, strictKeys?: boolean) => unknown;
}
