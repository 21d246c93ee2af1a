import { describe, expect, it } from "vitest";
import { toHttpError } from "./error-handler.js";
import { HttpError } from "./http-error.js";

describe("toHttpError", () => {
  it("passes our own errors through", () => {
    const error = new HttpError(409, "conflict");
    expect(toHttpError(error)).toBe(error);
  });

  it("turns a lost database into 503, not 500", () => {
    expect(
      toHttpError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })).statusCode,
    ).toBe(503);
    expect(toHttpError(Object.assign(new Error("gone"), { fatal: true })).statusCode).toBe(503);
  });

  it("rewords Fastify's client errors and hides internal ones", () => {
    const tooLarge = Object.assign(new Error("x"), { statusCode: 413, code: "FST_ERR_CTP_BODY_TOO_LARGE" });
    expect(toHttpError(tooLarge)).toMatchObject({
      statusCode: 413,
      message: "The request body is too large",
    });
    const bug = toHttpError(new TypeError("cannot read properties of undefined (reading 'secret')"));
    expect(bug).toMatchObject({ statusCode: 500, message: "Something went wrong on our side" });
  });
});
