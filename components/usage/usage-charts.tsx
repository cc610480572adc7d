"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useLocale } from "use-intl/react";
import { formatMoney, MICROS } from "@/lib/shared/spend/money";
import { cardVariants } from "../ui/card";

// The usage pages' two charts: tokens per day stacked by model, and cost per day. Only these
// pages load recharts; the chat never does.

const COLORS = ["#2563eb", "#16a34a", "#d97706", "#9333ea", "#dc2626", "#0891b2", "#4b5563"];

export interface DayPoint {
  day: string;
  micros: number;
  byModel: Record<string, number>;
}

export function UsageCharts({
  days,
  models,
  currency,
  labels,
}: {
  days: DayPoint[];
  models: string[];
  currency: string;
  labels: { tokensPerDay: string; costPerDay: string };
}) {
  const locale = useLocale();
  const tokens = new Intl.NumberFormat(locale, { notation: "compact" });
  // Month and day, unless the days span more than one year.
  const years = new Set(days.map((d) => d.day.slice(0, 4))).size;
  const data = days.map((d) => ({ day: years > 1 ? d.day : d.day.slice(5), cost: d.micros / MICROS, ...d.byModel }));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <figure className={cardVariants({ padding: "sm" })} data-testid="chart-tokens">
        <figcaption className="mb-2 text-sm font-medium">{labels.tokensPerDay}</figcaption>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
            <XAxis dataKey="day" fontSize={11} />
            <YAxis fontSize={11} tickFormatter={(v: number) => tokens.format(v)} width={48} />
            <Tooltip formatter={(v) => tokens.format(Number(v))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {models.map((model, i) => (
              <Bar
                key={model}
                dataKey={model}
                stackId="tokens"
                fill={COLORS[i % COLORS.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure className={cardVariants({ padding: "sm" })} data-testid="chart-cost">
        <figcaption className="mb-2 text-sm font-medium">{labels.costPerDay}</figcaption>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
            <XAxis dataKey="day" fontSize={11} />
            <YAxis fontSize={11} width={56} tickFormatter={(v: number) => formatMoney(v * MICROS, currency, locale)} />
            <Tooltip formatter={(v) => formatMoney(Number(v) * MICROS, currency, locale)} />
            <Bar dataKey="cost" fill="#0891b2" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
