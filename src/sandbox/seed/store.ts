/**
 * Seed store for the simulator: 4 categories, 12 products with VND prices (one hidden), and 8
 * orders in every status, some from seeded followers.
 */
import { ORDER_STATUS } from '../../zalo/endpoints/store.js';
import type { OaState } from '../state.js';

export interface SimProduct { id: string; name: string; code: string; price: number; desc: string; display: 'show' | 'hide'; cateids: string[]; createdTime: number; updatedTime: number }
export interface SimCategory { id: string; name: string; desc: string; status: 0 | 1; createdTime: number }
export interface SimOrderItem { productid: string; name: string; price: number; quantity: number }
export interface SimOrder {
  id: string; status: number; userId?: string; customerName: string; customerPhone: string; address: string;
  items: SimOrderItem[]; shippingFee: number; note: string; reason?: string; cancelReason?: string; createdTime: number; updatedTime: number;
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
const S = ORDER_STATUS;
// [status, customer, [product index, qty][], age in days]
const ORDERS: Array<[number, number, Array<[number, number]>, number]> = [
  [S.new, 0, [[0, 1], [9, 1]], 0.2], [S.new, 1, [[4, 1]], 0.5], [S.confirmed, 2, [[6, 2]], 1], [S.shipping, 3, [[10, 1]], 2],
  [S.delivered, 0, [[3, 1], [11, 1]], 6], [S.delivered, 1, [[1, 3]], 12], [S.cancelled, 2, [[8, 1]], 4], [S.returned, 3, [[7, 1]], 15],
];

export function seedStore(oa: OaState, now: number): { categories: SimCategory[]; products: SimProduct[]; orders: SimOrder[] } {
  const p = oa.account.isDefault ? '' : '9';
  const categories = CATEGORIES.map(([name, desc], i): SimCategory => ({ id: `${p}31${String(i + 1).padStart(4, '0')}`, name, desc, status: 0, createdTime: now - 90 * DAY }));
  const products = PRODUCTS.map(([name, code, price, cat], i): SimProduct => ({
    id: `${p}52${String(i + 1).padStart(5, '0')}`, name, code, price, desc: `${name} — hàng chính hãng Hoa Sen`, display: i === 8 ? 'hide' : 'show',
    cateids: [categories[cat]!.id], createdTime: now - (80 - i) * DAY, updatedTime: now - (40 - i) * DAY,
  }));
  const followers = [...oa.followers.values()].filter((f) => f.is_follower);
  const orders = ORDERS.map(([status, c, lines, age], i): SimOrder => {
    const [customerName, customerPhone, address] = CUSTOMERS[c]!;
    const at = now - age * DAY;
    return {
      id: `${p}73${String(i + 1).padStart(6, '0')}`, status, userId: followers[c]?.user_id, customerName, customerPhone, address,
      items: lines.map(([pi, quantity]) => ({ productid: products[pi]!.id, name: products[pi]!.name, price: products[pi]!.price, quantity })),
      shippingFee: i % 3 === 0 ? 0 : 30_000, note: i === 1 ? 'Giao giờ hành chính' : '',
      ...(status === S.cancelled ? { cancelReason: 'Khách đổi ý' } : {}), ...(status === S.returned ? { reason: 'Không vừa size' } : {}),
      createdTime: at, updatedTime: at + 3_600_000,
    };
  });
  return { categories: oa.account.isDefault ? categories : categories.slice(0, 2), products: oa.account.isDefault ? products : products.slice(0, 3), orders: oa.account.isDefault ? orders : [] };
}
