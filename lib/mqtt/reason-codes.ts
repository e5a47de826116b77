// MQTT v5 reason codes the live check can meet (OASIS MQTT 5.0, 2.4).
const NAMES: Record<number, string> = {
  0: "Success",
  1: "Granted QoS 1",
  2: "Granted QoS 2",
  4: "Disconnect with Will Message",
  16: "No matching subscribers",
  128: "Unspecified error",
  129: "Malformed Packet",
  130: "Protocol Error",
  131: "Implementation specific error",
  132: "Unsupported Protocol Version",
  133: "Client Identifier not valid",
  134: "Bad User Name or Password",
  135: "Not authorized",
  136: "Server unavailable",
  137: "Server busy",
  138: "Banned",
  139: "Server shutting down",
  141: "Keep Alive timeout",
  142: "Session taken over",
  143: "Topic Filter invalid",
  144: "Topic Name invalid",
  151: "Quota exceeded",
  152: "Administrative action",
  153: "Payload format invalid",
};

export const reasonName = (code: number): string => NAMES[code] ?? `Reason ${code}`;
