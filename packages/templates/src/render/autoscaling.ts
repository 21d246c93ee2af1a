// CPU target tracking between minCount and maxCount. Only once an image exists: scaling a service that
// has nothing to run would start tasks that can never become healthy.
import type { EnvironmentSpec } from "../spec/schema.js";
import { getAtt, join, ref, type TemplateFragment } from "./cfn.js";
import { ID } from "./ids.js";

const TARGET_CPU_PERCENT = 60;

export function autoscalingFragment(spec: EnvironmentSpec): TemplateFragment {
  return {
    Resources: {
      [ID.scalableTarget]: {
        Type: "AWS::ApplicationAutoScaling::ScalableTarget",
        Condition: ID.hasAppImage,
        Properties: {
          MinCapacity: spec.app.minCount,
          MaxCapacity: spec.app.maxCount,
          ResourceId: join("/", ["service", ref(ID.cluster), getAtt(ID.service, "Name")]),
          ScalableDimension: "ecs:service:DesiredCount",
          ServiceNamespace: "ecs",
        },
      },
      [ID.cpuScalingPolicy]: {
        Type: "AWS::ApplicationAutoScaling::ScalingPolicy",
        Condition: ID.hasAppImage,
        Properties: {
          PolicyName: `${spec.name}-notes-api-cpu`,
          PolicyType: "TargetTrackingScaling",
          ScalingTargetId: ref(ID.scalableTarget),
          TargetTrackingScalingPolicyConfiguration: {
            PredefinedMetricSpecification: { PredefinedMetricType: "ECSServiceAverageCPUUtilization" },
            TargetValue: TARGET_CPU_PERCENT,
            // Scale out fast, in slowly: a traffic spike should not find the service shrinking.
            ScaleOutCooldown: 60,
            ScaleInCooldown: 300,
          },
        },
      },
    },
  };
}
