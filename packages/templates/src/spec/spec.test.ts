import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { defaultSpec, parseEnvironmentSpec, type SpecFieldError } from "./parse.js";

function errorsOf(input: unknown): SpecFieldError[] {
  const result = parseEnvironmentSpec(input);
  return result.ok ? [] : result.errors;
}

function errorAt(input: unknown, path: string): string | undefined {
  return errorsOf(input).find((error) => error.path === path)?.message;
}

describe("defaults", () => {
  test("an empty spec is the seed's environment", () => {
    const spec = defaultSpec();
    expect(spec.network.vpcCidr).toBe("10.0.0.0/16");
    expect(spec.network.publicSubnets).toHaveLength(2);
    expect(spec.network.privateSubnets).toHaveLength(3);
    expect(spec.database).toMatchObject({ name: "notes", engineVersion: "8.4", multiAz: true });
    expect(spec.bastion).toMatchObject({ enabled: true, access: "ssm" });
  });

  test("subnets left out are computed from the VPC CIDR the user chose", () => {
    const result = parseEnvironmentSpec({ network: { vpcCidr: "172.20.0.0/20" } });
    expect(result.ok && result.spec.network.publicSubnets.every((s) => s.startsWith("172.20."))).toBe(true);
    expect(result.ok && result.spec.network.privateSubnets).toHaveLength(3);
  });

  test("a domain without a TLS mode defaults to certbot; no domain means plain HTTP", () => {
    const withDomain = parseEnvironmentSpec({
      edge: { domain: "notes.example.com", certbotEmail: "a@example.com" },
    });
    expect(withDomain.ok && withDomain.spec.edge.tls).toBe("certbot");
    expect(defaultSpec().edge.tls).toBe("none");
  });

  test('an empty text field from the wizard ("") means not set', () => {
    const result = parseEnvironmentSpec({ edge: { domain: "", certbotEmail: "" }, app: { image: "" } });
    expect(result.ok && result.spec.edge.domain).toBeNull();
    expect(result.ok && result.spec.app.image).toBeNull();
  });
});

describe("field errors point at the field to fix", () => {
  const cases: [string, unknown, string, RegExp][] = [
    ["bad CIDR syntax", { network: { vpcCidr: "10.0.0/16" } }, "network.vpcCidr", /not an IPv4 CIDR/],
    [
      "host bits set",
      { network: { vpcCidr: "10.0.0.1/16" } },
      "network.vpcCidr",
      /did you mean 10.0.0.0\/16/,
    ],
    ["VPC prefix too wide", { network: { vpcCidr: "10.0.0.0/8" } }, "network.vpcCidr", /\/16 to \/28/],
    [
      "subnet outside the VPC",
      { network: { publicSubnets: ["10.0.0.0/24", "10.9.0.0/24"] } },
      "network.publicSubnets.1",
      /outside the VPC/,
    ],
    [
      "overlapping subnets",
      {
        network: {
          publicSubnets: ["10.0.0.0/24", "10.0.1.0/24"],
          privateSubnets: ["10.0.0.128/25", "10.0.2.0/24"],
        },
      },
      "network.privateSubnets.0",
      /overlaps 10.0.0.0\/24/,
    ],
    [
      "subnet prefix /29",
      { network: { publicSubnets: ["10.0.0.0/29", "10.0.1.0/24"] } },
      "network.publicSubnets.0",
      /\/29/,
    ],
    [
      "too few subnets for the AZ count",
      { network: { azCount: 3, publicSubnets: ["10.0.0.0/24", "10.0.1.0/24"] } },
      "network.publicSubnets",
      /3 Availability Zones need at least 3 public/,
    ],
    ["a single AZ", { network: { azCount: 1 } }, "network.azCount", /at least 2/],
    [
      "Fargate pair AWS does not offer",
      { app: { cpu: 256, memoryMiB: 4096 } },
      "app.memoryMiB",
      /512, 1024, 2048/,
    ],
    ["Fargate CPU AWS does not offer", { app: { cpu: 300 } }, "app.cpu", /256, 512/],
    ["stack name CloudFormation refuses", { name: "notes_prod" }, "name", /letters, digits and hyphens/],
    ["stack name starting with a digit", { name: "1notes" }, "name", /letter first/],
    ["not a domain", { edge: { domain: "https://notes.example.com/" } }, "edge.domain", /domain name/],
    [
      "not an e-mail",
      { edge: { domain: "n.example.com", certbotEmail: "ops" } },
      "edge.certbotEmail",
      /e-mail/,
    ],
    [
      "SSH from the world",
      { bastion: { access: "ssh", sshAllowedCidr: "0.0.0.0/0" } },
      "bastion.sshAllowedCidr",
      /never/,
    ],
    [
      "SSH from the IPv6 world",
      { bastion: { access: "ssh", sshAllowedCidr: "::/0" } },
      "bastion.sshAllowedCidr",
      /never/,
    ],
    ["SSH without a CIDR", { bastion: { access: "ssh" } }, "bastion.sshAllowedCidr", /needs the one CIDR/],
    [
      "acm without an ARN",
      { edge: { domain: "n.example.com", tls: "acm" } },
      "edge.acmCertificateArn",
      /ARN/,
    ],
    // An ALB listener can only use a certificate from its own region (ACM certificates are regional):
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/https-listener-certificates.html
    // https://docs.aws.amazon.com/acm/latest/userguide/acm-regions.html
    [
      "acm certificate from another region than the stack",
      {
        region: "eu-west-1",
        edge: {
          domain: "n.example.com",
          tls: "acm",
          acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc-123",
        },
      },
      "edge.acmCertificateArn",
      /us-east-1.*eu-west-1/,
    ],
    [
      "acm certificate from another partition",
      {
        region: "us-east-1",
        edge: {
          domain: "n.example.com",
          tls: "acm",
          acmCertificateArn: "arn:aws-cn:acm:us-east-1:123456789012:certificate/abc-123",
        },
      },
      "edge.acmCertificateArn",
      /partition/,
    ],
    [
      "certbot without a domain",
      { edge: { tls: "certbot", certbotEmail: "a@b.io" } },
      "edge.domain",
      /domain/,
    ],
    ["certbot without an e-mail", { edge: { domain: "n.example.com" } }, "edge.certbotEmail", /e-mail/],
    ["min above desired", { app: { minCount: 3, desiredCount: 2 } }, "app.minCount", /above the desired/],
    ["desired above max", { app: { desiredCount: 8, maxCount: 6 } }, "app.maxCount", /below the desired/],
    [
      "an arm64 instance for the amd64 AMI",
      { edge: { instanceType: "t4g.micro" } },
      "edge.instanceType",
      /x86_64/,
    ],
    ["a typo in a key", { database: { multiAZ: false } }, "database.multiAZ", /unknown field/],
    ["a string where a number belongs", { app: { cpu: "256" } }, "app.cpu", /whole number/],
    [
      "one message for a CPU size Fargate lacks",
      { app: { cpu: 100 } },
      "app.cpu",
      /^Fargate offers 256, 512/,
    ],
  ];
  test.each(cases)("%s", (_label, input, path, message) => {
    expect(errorAt(input, path)).toMatch(message);
  });

  test("every error is reported at once, not only the first", () => {
    const errors = errorsOf({ name: "-", app: { cpu: 300 }, edge: { tls: "acm", domain: "n.example.com" } });
    expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(["name", "app.cpu"]));
  });

  test("a bad CPU size gets one error, not two", () => {
    expect(errorsOf({ app: { cpu: 100 } }).filter((e) => e.path === "app.cpu")).toHaveLength(1);
  });

  test("a bare IP for SSH gets a suggestion", () => {
    expect(
      errorAt({ bastion: { access: "ssh", sshAllowedCidr: "203.0.113.7" } }, "bastion.sshAllowedCidr"),
    ).toMatch(/203.0.113.7\/32/);
  });
});

describe("never crashes", () => {
  test("thousands of random JSON values give a result, never an exception", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseEnvironmentSpec(value);
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 3000 },
    );
  }, 60_000);

  test("random values placed inside a valid spec's fields give field errors or a spec", () => {
    const fields = ["network", "database", "app", "edge", "bastion"] as const;
    const arbitrarySection = fc.dictionary(
      fc.constantFrom(
        "vpcCidr",
        "publicSubnets",
        "azCount",
        "cpu",
        "memoryMiB",
        "domain",
        "tls",
        "access",
        "sshAllowedCidr",
        "multiAz",
      ),
      fc.oneof(
        fc.jsonValue(),
        fc.ipV4().map((ip) => `${ip}/24`),
        fc.domain(),
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom(...fields), arbitrarySection, (section, value) => {
        const result = parseEnvironmentSpec({ [section]: value });
        if (!result.ok) expect(result.errors.every((e) => e.message.length > 0)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  }, 60_000);
});

describe("hostile input", () => {
  test("prototype-looking keys are unknown fields, never a polluted spec", () => {
    const input = JSON.parse(
      '{"__proto__": {"name": "x"}, "constructor": 1, "network": {"__proto__": {"azCount": 9}}}',
    );
    const paths = errorsOf(input).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["__proto__", "constructor", "network.__proto__"]));
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });

  test("any JavaScript value at all (NaN, -0, sparse arrays, null-prototype objects) gives a result", () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withSparseArray: true, withBoxedValues: true }),
        (value) => {
          expect(typeof parseEnvironmentSpec(value).ok).toBe("boolean");
        },
      ),
      { numRuns: 2000 },
    );
  }, 60_000);
});
