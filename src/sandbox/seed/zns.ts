/**
 * ZBS template (ex-ZNS) seed: templates in all four statuses with realistic Vietnamese names and
 * parameters and their prices by phone and by user_id, the OA's daily and promotion quotas, its
 * sending quality, and the admin phones that development-mode sends may reach.
 */
import { VN_OFFSET_MS } from '../rules.js';

export type ZnsStatus = 'ENABLE' | 'PENDING_REVIEW' | 'REJECT' | 'DISABLE';

export interface SimZnsParam {
  name: string;
  require: boolean;
  type: 'STRING' | 'NUMBER' | 'DATE' | 'PHONE_NUMBER' | 'EMAIL' | 'URL';
  maxLength: number;
  minLength: number;
  acceptNull: boolean;
}

export interface SimZnsTemplate {
  templateId: string;
  templateName: string;
  status: ZnsStatus;
  templateQuality: 'HIGH' | 'MEDIUM' | 'LOW' | 'UNDEFINED';
  templateTag: 'TRANSACTION' | 'CUSTOMER_CARE' | 'PROMOTION' | 'OTP';
  price: string;
  /** VND per send by phone / by user_id; null: the template cannot go by user_id (-249). */
  price_sdt: string;
  price_uid: string | null;
  timeout: number;
  createdTime: number;
  listParams: SimZnsParam[];
}

export interface SimZnsMessage {
  msg_id: string;
  /** Exactly one of phone (business host) or user_id (/v3.0/oa/message/template). */
  phone?: string;
  user_id?: string;
  template_id: string;
  template_data: Record<string, string>;
  tracking_id?: string;
  sent_time: number;
  development: boolean;
}

export interface ZnsState {
  templates: Map<string, SimZnsTemplate>;
  dailyQuota: number;
  remainingQuota: number;
  dailyQuotaPromotion: number;
  remainingQuotaPromotion: number;
  /** Promotion templates per month; null where the OA has none (Zalo then sends null). */
  monthlyPromotionQuota: number | null;
  remainingMonthlyPromotionQuota: number | null;
  /** The OA's sending quality now and over the last 7 days (drives the daily quota). */
  current_quality: 'HIGH' | 'MEDIUM' | 'LOW' | 'UNDEFINED';
  last_week_quality: 'HIGH' | 'MEDIUM' | 'LOW' | 'UNDEFINED';
  messages: Map<string, SimZnsMessage>;
  /** Phones of the OA's admins: the only ones development mode delivers to. */
  adminPhones: string[];
  /** Vietnam calendar day (days since epoch) the remaining quotas belong to; they refill on the next. */
  quotaDay: number;
}

/** A sent ZNS shows as delivered this long after it was sent (simulator clock). */
export const ZNS_DELIVERY_DELAY_MS = 3_000;

const p = (name: string, type: SimZnsParam['type'], maxLength: number, require = true, minLength = 0): SimZnsParam => ({
  name, type, maxLength, minLength, require, acceptNull: !require,
});

const DAY = 86_400_000;

/** Days since the epoch in Vietnam time: ZNS daily quotas refill at midnight there. */
export const vietnamDay = (time: number) => Math.floor((time + VN_OFFSET_MS) / DAY);

export function seedZns(isDefault: boolean, now: number): ZnsState {
  const templates: SimZnsTemplate[] = [
    {
      templateId: '304512', templateName: 'Xác nhận đơn hàng', status: 'ENABLE', templateQuality: 'HIGH', templateTag: 'TRANSACTION', price: '300', price_sdt: '300', price_uid: '200', timeout: 7_200_000,
      createdTime: now - 120 * DAY,
      listParams: [p('customer_name', 'STRING', 30, true, 1), p('order_code', 'STRING', 30, true, 1), p('price', 'NUMBER', 20), p('order_date', 'DATE', 20)],
    },
    {
      templateId: '304518', templateName: 'Thông báo giao hàng', status: 'ENABLE', templateQuality: 'MEDIUM', templateTag: 'TRANSACTION', price: '300', price_sdt: '300', price_uid: '200', timeout: 7_200_000,
      createdTime: now - 90 * DAY,
      listParams: [p('customer_name', 'STRING', 30, true, 1), p('order_code', 'STRING', 30, true, 1), p('delivery_date', 'DATE', 20), p('shipper_phone', 'PHONE_NUMBER', 15, false)],
    },
    {
      templateId: '304520', templateName: 'Mã OTP xác thực tài khoản', status: 'ENABLE', templateQuality: 'HIGH', templateTag: 'OTP', price: '300', price_sdt: '300', price_uid: null, timeout: 300_000,
      createdTime: now - 60 * DAY,
      listParams: [p('otp', 'STRING', 8, true, 4)],
    },
    {
      templateId: '305101', templateName: 'Cảm ơn khách hàng đã mua sắm', status: 'PENDING_REVIEW', templateQuality: 'UNDEFINED', templateTag: 'CUSTOMER_CARE', price: '200', price_sdt: '200', price_uid: '150', timeout: 7_200_000,
      createdTime: now - 2 * DAY,
      listParams: [p('customer_name', 'STRING', 30, true, 1), p('voucher_code', 'STRING', 20, false)],
    },
    {
      templateId: '305102', templateName: 'Khuyến mãi cuối tuần', status: 'REJECT', templateQuality: 'UNDEFINED', templateTag: 'PROMOTION', price: '400', price_sdt: '400', price_uid: '300', timeout: 7_200_000,
      createdTime: now - 10 * DAY,
      listParams: [p('customer_name', 'STRING', 30, true, 1), p('discount', 'NUMBER', 3)],
    },
    {
      templateId: '302977', templateName: 'Nhắc lịch hẹn thử đồ', status: 'DISABLE', templateQuality: 'LOW', templateTag: 'CUSTOMER_CARE', price: '200', price_sdt: '200', price_uid: '150', timeout: 7_200_000,
      createdTime: now - 300 * DAY,
      listParams: [p('customer_name', 'STRING', 30, true, 1), p('appointment_time', 'STRING', 30)],
    },
  ];
  const mine = isDefault ? templates : templates.filter((t) => t.templateId === '304512' || t.templateId === '305101');
  return {
    templates: new Map(mine.map((t) => [t.templateId, t])),
    dailyQuota: isDefault ? 500 : 50,
    remainingQuota: isDefault ? 487 : 50,
    dailyQuotaPromotion: isDefault ? 100 : 0,
    remainingQuotaPromotion: isDefault ? 100 : 0,
    monthlyPromotionQuota: isDefault ? 3000 : null,
    remainingMonthlyPromotionQuota: isDefault ? 2950 : null,
    current_quality: isDefault ? 'HIGH' : 'MEDIUM',
    last_week_quality: isDefault ? 'MEDIUM' : 'MEDIUM',
    messages: new Map(),
    adminPhones: isDefault ? ['84912000111', '84987000222'] : ['84935000333'],
    quotaDay: vietnamDay(now),
  };
}
