// jstat ships no types: the part of it the comparison uses (its CommonJS export is the object).
declare module 'jstat' {
  const jStat: {
    readonly studentt: {
      /** The quantile of Student's t with `dof` degrees of freedom at probability `p`. */
      inv(p: number, dof: number): number;
      /** P(T ≤ x) for Student's t with `dof` degrees of freedom. */
      cdf(x: number, dof: number): number;
    };
  };
  export default jStat;
}
