/**
 * Seed articles for the simulator: a few Vietnamese posts of a fashion shop (one hidden, one with
 * an image block) and one video article whose video is already processed.
 */
import type { OaState } from '../state.js';

export interface SimArticle {
  id: string;
  type: 'normal' | 'video';
  title: string;
  author: string;
  description: string;
  cover?: { cover_type: string; photo_url: string; status: string };
  body: Array<Record<string, string>>;
  /** Video articles: the processed video and its thumbnail. */
  video_id?: string;
  avatar?: string;
  status: 'show' | 'hide';
  comment: 'show' | 'hide';
  create_date: number;
  update_date: number;
  total_view: number;
  total_share: number;
}

export interface SimVideo {
  token: string;
  video_id: string;
  uploaded: number;
  bytes: number;
  filename: string;
  deleted?: boolean;
}

const DAY = 86_400_000;
const IMG = 'https://photo-article.zadn.vn/sandbox';

export function seedArticles(oa: OaState, now: number): { articles: SimArticle[]; videos: SimVideo[] } {
  const shop = oa.account.isDefault;
  const n = (id: number, ageDays: number, title: string, description: string, body: Array<Record<string, string>>, extra: Partial<SimArticle> = {}): SimArticle => ({
    id: `${shop ? 'a' : 'b'}${(0x5e1a0000 + id).toString(16)}`,
    type: 'normal', title, author: shop ? 'Hoa Sen Boutique' : 'Hoa Sen Đà Nẵng', description,
    cover: { cover_type: 'photo', photo_url: `${IMG}/cover-${id}.jpg`, status: 'show' },
    body, status: 'show', comment: 'show', create_date: now - ageDays * DAY, update_date: now - ageDays * DAY,
    total_view: 120 * id + 37, total_share: 3 * id, ...extra,
  });
  const text = (content: string) => ({ type: 'text', content });
  const articles: SimArticle[] = [
    n(1, 40, 'Bộ sưu tập Thu Đông 2025', 'Áo khoác dạ, len mỏng và gam màu trầm cho mùa lạnh.', [text('Bộ sưu tập Thu Đông đã có mặt tại cửa hàng.'), { type: 'image', url: `${IMG}/thu-dong.jpg`, caption: 'Áo khoác dạ dáng dài' }]),
    n(2, 25, 'Hướng dẫn chọn size áo sơ mi', 'Đo vòng ngực, vai và tay để chọn đúng size.', [text('Bảng size chi tiết cho áo sơ mi nam và nữ.')]),
    n(3, 12, 'Chương trình tri ân khách hàng tháng 11', 'Giảm 15% cho thành viên thân thiết.', [text('Áp dụng từ 15/11 đến 30/11 tại tất cả chi nhánh.')], { status: 'hide' }),
    n(4, 6, 'Mẹo phối đồ công sở mùa mưa', 'Chất liệu nhanh khô và giày chống trơn.', [text('Năm gợi ý phối đồ cho ngày mưa.')], { comment: 'hide' }),
    n(5, 2, 'Khai trương chi nhánh Đà Nẵng', 'Quà tặng cho 100 khách hàng đầu tiên.', [text('Địa chỉ: 25 Bạch Đằng, Hải Châu, Đà Nẵng.')]),
  ].slice(0, shop ? 5 : 2);
  const video: SimVideo = { token: `vtok-seed-${shop ? 1 : 2}`, video_id: `${shop ? 9 : 8}1e7c0de5eed`, uploaded: now - 9 * DAY, bytes: 18_400_000, filename: 'le-hoi-ao-dai.mp4' };
  articles.push({
    id: `${shop ? 'a' : 'b'}5e1a00ff`, type: 'video', title: 'Lễ hội Áo dài 2025 — hậu trường', author: '', description: 'Video hậu trường buổi chụp bộ sưu tập áo dài.',
    body: [], video_id: video.video_id, avatar: `${IMG}/ao-dai-thumb.jpg`, status: 'show', comment: 'show',
    create_date: now - 9 * DAY, update_date: now - 9 * DAY, total_view: 2480, total_share: 61,
  });
  return { articles, videos: [video] };
}
