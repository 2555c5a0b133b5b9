/**
 * Seed shop for the simulator (Zalo Shop, mstore): 4 categories, 12 products with integer VND
 * prices (one hidden), and 8 orders covering every status 1-6.
 */
import type { OaState } from '../state.js';

/** Zalo Shop's order status codes (ZALO_API.md §9), the simulator's own copy. */
export const ORDER = { new: 1, confirmed: 2, cancelledBySeller: 3, cancelledByBuyer: 4, shipping: 5, completed: 6 } as const;
/** Product status as the simulator models it: 1 shown, 0 hidden. */
export const PRODUCT_SHOWN = 1;
export const PRODUCT_HIDDEN = 0;

export interface SimSale { start_time: number; end_time: number; sale_percent: number }
export interface SimProduct {
  id: string; code: string; name: string; description: string; price: number; type_id_level1?: string; type_id_level2?: string; type_id_level3?: string;
  collection_id?: string; photos: string[]; sales: SimSale[]; status: number; created_time: number; updated_time: number;
}
export interface SimCategory { id: string; name: string; description: string; created_time: number }
export interface SimOrderLine { id: string; name: string; code: string; price: number; quantity: number }
export interface SimOrder {
  id: string; status: number; customer_name: string; customer_phone: string; address: string; products: SimOrderLine[];
  shipping_fee: number; note: string; created_time: number; updated_time: number;
}

const DAY = 86_400_000;

const CATEGORIES: Array<[string, string]> = [
  ['Áo sơ mi', 'Sơ mi công sở nam nữ'], ['Áo dài', 'Áo dài truyền thống và cách tân'], ['Váy đầm', 'Đầm dự tiệc và đầm công sở'], ['Phụ kiện', 'Túi, khăn lụa, thắt lưng'],
];
const PRODUCTS: Array<[string, string, number, number]> = [
  ['Áo sơ mi lụa trắng', 'SM-001', 450_000, 0], ['Áo sơ mi kẻ xanh', 'SM-002', 390_000, 0], ['Áo sơ mi linen be', 'SM-003', 520_000, 0],
  ['Áo dài gấm đỏ', 'AD-001', 1_850_000, 1], ['Áo dài lụa hoa sen', 'AD-002', 2_350_000, 1], ['Áo dài cách tân xanh ngọc', 'AD-003', 1_290_000, 1],
  ['Đầm xòe chấm bi', 'VD-001', 680_000, 2], ['Đầm suông công sở', 'VD-002', 590_000, 2], ['Đầm dạ hội nhung', 'VD-003', 3_200_000, 2],
  ['Khăn lụa tơ tằm', 'PK-001', 320_000, 3], ['Túi xách da bò', 'PK-002', 1_450_000, 3], ['Thắt lưng da nữ', 'PK-003', 280_000, 3],
];
const CUSTOMERS: Array<[string, string, string]> = [
  ['Nguyễn Thị Lan', '84912345678', '12 Lê Lợi, Quận 1, TP. Hồ Chí Minh'], ['Trần Văn Minh', '84987654321', '45 Hàng Bài, Hoàn Kiếm, Hà Nội'],
  ['Lê Thu Hà', '84903112233', '88 Nguyễn Văn Linh, Hải Châu, Đà Nẵng'], ['Phạm Quốc Bảo', '84938445566', '7 Trần Phú, Nha Trang, Khánh Hòa'],
];
const S = ORDER;
// [status, customer, [product index, qty][], age in days]
const ORDERS: Array<[number, number, Array<[number, number]>, number]> = [
  [S.new, 0, [[0, 1], [9, 1]], 0.2], [S.new, 1, [[4, 1]], 0.5], [S.confirmed, 2, [[6, 2]], 1], [S.shipping, 3, [[10, 1]], 2],
  [S.completed, 0, [[3, 1], [11, 1]], 6], [S.completed, 1, [[1, 3]], 12], [S.cancelledBySeller, 2, [[8, 1]], 4], [S.cancelledByBuyer, 3, [[7, 1]], 15],
];

export function seedStore(oa: OaState, now: number): { categories: SimCategory[]; products: SimProduct[]; orders: SimOrder[] } {
  const p = oa.account.isDefault ? '' : '9';
  const categories = CATEGORIES.map(([name, description], i): SimCategory => ({ id: `${p}31${String(i + 1).padStart(4, '0')}`, name, description, created_time: now - 90 * DAY }));
  const products = PRODUCTS.map(([name, code, price, cat], i): SimProduct => ({
    id: `${p}52${String(i + 1).padStart(5, '0')}`, code, name, price, description: `${name} — hàng chính hãng Hoa Sen`, collection_id: categories[cat]!.id,
    photos: [], sales: i === 3 ? [{ start_time: now - DAY, end_time: now + 7 * DAY, sale_percent: 10 }] : [],
    status: i === 8 ? PRODUCT_HIDDEN : PRODUCT_SHOWN, created_time: now - (80 - i) * DAY, updated_time: now - (40 - i) * DAY,
  }));
  const orders = ORDERS.map(([status, c, lines, age], i): SimOrder => {
    const [customer_name, customer_phone, address] = CUSTOMERS[c]!;
    const at = now - age * DAY;
    return {
      id: `${p}73${String(i + 1).padStart(6, '0')}`, status, customer_name, customer_phone, address,
      products: lines.map(([pi, quantity]) => ({ id: products[pi]!.id, name: products[pi]!.name, code: products[pi]!.code, price: products[pi]!.price, quantity })),
      shipping_fee: i % 3 === 0 ? 0 : 30_000, note: i === 1 ? 'Giao giờ hành chính' : '', created_time: at, updated_time: at + 3_600_000,
    };
  });
  return { categories: oa.account.isDefault ? categories : categories.slice(0, 2), products: oa.account.isDefault ? products : products.slice(0, 3), orders: oa.account.isDefault ? orders : [] };
}
