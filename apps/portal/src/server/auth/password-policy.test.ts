import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS } from "./common-passwords";
import { weakPasswordForAccount, weakPasswordReason } from "./password-policy";

describe("the new-password policy", () => {
  it("ships the 10,000 most common passwords, most common first", () => {
    expect(COMMON_PASSWORDS).toHaveLength(10_000);
    expect(COMMON_PASSWORDS.slice(0, 2)).toEqual(["123456", "password"]);
  });

  it("refuses common, trivial and own-e-mail passwords, and accepts a passphrase", () => {
    expect(weakPasswordReason("QWERTY123456")).toMatch(/most common/);
    expect(weakPasswordReason("!!Sunshine2024")).toMatch(/digits or symbols added/);
    expect(weakPasswordReason("ééééééééééééé")).toMatch(/repeated/);
    expect(weakPasswordReason("０１２３４５６７８９０１")).toMatch(/digits only/); // full-width, NFKC
    expect(weakPasswordForAccount("Ada@Example.test!", "ada@example.test")).toMatch(/e-mail/);
    expect(weakPasswordForAccount("correct horse battery staple", "ada@example.test")).toBeNull();
  });
});
