/** Realistic Vietnamese seed vocabulary for the simulator. */
export const FAMILY_NAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
export const MIDDLE_NAMES = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Thanh', 'Hoàng', 'Quang', 'Thu', 'Hữu', 'Đức', 'Gia', 'Bảo', 'Khánh', 'Mỹ'];
export const GIVEN_NAMES = [
  'An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hạnh', 'Hải', 'Hương', 'Huy', 'Khoa', 'Lan', 'Linh', 'Long', 'Mai', 'Nam',
  'Nga', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Uyên', 'Vy', 'Yến', 'Hiếu', 'Trí', 'Ngân', 'Phương', 'Thắng',
];
/** Mobile prefixes of Viettel, Vinaphone, Mobifone (after the 2018 renumbering). */
export const PHONE_PREFIXES = ['90', '91', '93', '94', '96', '97', '98', '32', '33', '34', '35', '36', '37', '38', '39', '70', '77', '79', '81', '83', '84', '85', '88'];
export const CITIES: Array<{ city: string; districts: string[] }> = [
  { city: 'Hà Nội', districts: ['Ba Đình', 'Hoàn Kiếm', 'Cầu Giấy', 'Đống Đa', 'Thanh Xuân', 'Long Biên'] },
  { city: 'TP. Hồ Chí Minh', districts: ['Quận 1', 'Quận 3', 'Quận 7', 'Bình Thạnh', 'Phú Nhuận', 'Thủ Đức'] },
  { city: 'Đà Nẵng', districts: ['Hải Châu', 'Thanh Khê', 'Sơn Trà', 'Ngũ Hành Sơn'] },
  { city: 'Hải Phòng', districts: ['Hồng Bàng', 'Lê Chân', 'Ngô Quyền'] },
  { city: 'Cần Thơ', districts: ['Ninh Kiều', 'Cái Răng', 'Bình Thủy'] },
  { city: 'Huế', districts: ['Phú Hội', 'Vĩnh Ninh', 'Thuận Hòa'] },
  { city: 'Khánh Hòa', districts: ['Nha Trang', 'Cam Ranh'] },
  { city: 'Đồng Nai', districts: ['Biên Hòa', 'Long Khánh'] },
];
export const STREETS = ['Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Huệ', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Phan Đình Phùng', 'Điện Biên Phủ', 'Nguyễn Trãi'];
export const TAGS = ['VIP', 'Khách mới', 'Khách quen', 'Đã mua hàng', 'Quan tâm khuyến mãi', 'Khách sỉ'];

/** Opening messages customers send, and the OA's typical answers. */
export const CUSTOMER_LINES = [
  'Shop ơi, áo sơ mi trắng còn size M không ạ?',
  'Cho mình hỏi phí ship về Đà Nẵng bao nhiêu vậy shop?',
  'Đơn hàng của mình đặt hôm qua khi nào giao vậy ạ?',
  'Mình muốn đổi sang màu xanh được không shop?',
  'Shop có chương trình giảm giá Tết không ạ?',
  'Cho em xin bảng giá sỉ với ạ.',
  'Hôm nay shop mở cửa đến mấy giờ?',
  'Mình nhận được hàng rồi, cảm ơn shop nhé!',
  'Sản phẩm này có bảo hành không ạ?',
  'Mình chuyển khoản rồi, shop kiểm tra giúp nhé.',
  'Hi, do you ship to Singapore?',
  'Shop tư vấn giúp mình quà tặng cho mẹ với ạ.',
];
export const OA_LINES = [
  'Dạ còn ạ, anh/chị cho em xin địa chỉ để em lên đơn nhé.',
  'Dạ phí ship nội thành 20.000đ, ngoại thành 35.000đ ạ.',
  'Dạ đơn của mình đang được giao, dự kiến 1–2 ngày nữa ạ.',
  'Dạ shop cảm ơn anh/chị đã ủng hộ ạ!',
  'Dạ em đã nhận được chuyển khoản, đơn sẽ gửi trong hôm nay ạ.',
];
