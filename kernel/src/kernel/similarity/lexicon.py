"""Vocabulary of voters' petitions, as data: edit these tables, not the code.

Phrases are written in ordinary accented Vietnamese; `tables.py` derives their
folded (accent-free) forms lazily, on first use. A phrase is a sequence of
syllables separated by single spaces.
"""

from __future__ import annotations

# Petition boilerplate and function words: they say nothing about *what* is asked.
STOP_PHRASES: tuple[str, ...] = (
    # the framing of a petition
    "cử tri", "đề nghị", "kiến nghị", "phản ánh", "phản ảnh", "mong muốn", "xem xét",
    "quan tâm", "đề xuất", "yêu cầu", "có ý kiến", "ý kiến", "nêu", "cho biết", "trả lời",
    "giải quyết", "chỉ đạo", "sớm", "kịp thời", "nhanh chóng", "dứt điểm", "tạo điều kiện",
    "thuận lợi", "tiếp tục", "có kế hoạch", "kế hoạch", "bố trí", "thực hiện", "triển khai",
    "đảm bảo", "bảo đảm", "nhằm", "giúp", "hiện nay", "hiện tại", "thời gian tới",
    "thời gian qua", "thời gian", "lâu nay", "nhiều năm", "tình trạng", "vấn đề", "việc",
    "nghiêm trọng", "rất", "quá", "lắm",
    # who is asked and who asks
    "các cấp", "các ngành", "cấp có thẩm quyền", "có thẩm quyền", "cơ quan chức năng",
    "ngành chức năng", "chức năng", "cơ quan", "đơn vị", "liên quan", "chính quyền",
    "địa phương", "ủy ban nhân dân", "hội đồng nhân dân", "mặt trận tổ quốc",
    "đại biểu quốc hội", "đại biểu", "nhà nước", "nhân dân", "người dân", "bà con",
    "hộ dân", "các hộ", "người", "ông", "bà", "ngành",
    # function words
    "của", "và", "các", "những", "là", "có", "được", "bị", "đã", "đang", "sẽ", "cần",
    "nhiều", "này", "đó", "kia", "trên", "dưới", "tại", "ở", "với", "từ", "đến", "về",
    "theo", "vì", "do", "nên", "thì", "mà", "như", "để", "khi", "nào", "gì", "một",
    "trong", "ngoài", "cùng", "cũng", "lại", "ra", "vào", "nhưng", "hoặc", "hay", "còn",
    "chưa", "không", "vẫn", "đều", "nữa", "thêm", "qua", "sau", "trước", "tới", "lên",
    "hơn", "gần", "khoảng", "năm", "tháng", "ngày", "đoạn", "khu vực", "địa bàn", "nơi",
    "chỗ", "cho", "gây", "xã hội", "trường hợp", "tổ chức", "làm", "đối với", "hiện", "nay",
    "lúc", "mỗi", "mọi", "ạ",
    "tình hình", "thường xuyên", "luôn", "vừa", "mới", "cả", "toàn bộ", "số", "phần",
    "các hộ dân", "nhà dân", "dân", "hộ", "đơn", "vụ", "giữa", "lân cận", "kết luận",
    "hệ thống", "phải", "dùng", "sử dụng", "mong", "muốn", "tăng cường", "hàng", "đầy đủ",
    "hằng năm", "hàng năm", "biện pháp", "giải pháp", "có giải pháp", "có biện pháp",
    # how news reports a voter's words, and the framing of real petitions (dev half of
    # the real set): "bày tỏ lo lắng", "ông Sơn nhấn mạnh", "cụ thể", "thứ nhất"
    "phát biểu", "bày tỏ", "lo lắng", "nhấn mạnh", "góp ý", "cho rằng", "rằng", "cụ thể",
    "thứ nhất", "thứ hai", "đặc biệt", "nhất là", "ngày càng", "càng", "hiệu quả",
    "nghiên cứu", "buổi tiếp xúc", "tiếp xúc cử tri", "tiếp xúc", "liên quan đến",
    "nói riêng", "nói chung", "khẩn trương", "phù hợp", "không phù hợp", "đối tượng",
    "các đối tượng", "nhóm", "theo quy định", "quy định", "theo hướng", "hướng",
    # the legal references petitions cite ("Nghị định số 34/2019/NĐ-CP ngày ... của
    # Chính phủ"): the instrument is named in many different requests
    "chính phủ", "quốc hội", "nghị định", "nghị quyết", "quyết định", "thông tư", "luật",
    "nđ", "cp", "nq", "qđ", "ttg", "tt", "bộ",
    # money: "37.000 đồng", "hàng tỉ đồng" (the amount is a number, dropped anyway)
    "đồng", "tỉ đồng", "tỷ đồng", "triệu đồng",
)

# Paraphrases: every phrase of a group becomes the group's token (a leading "~"
# cannot come out of the tokenizer, so concept tokens never collide with words).
# Longest phrase wins, so "đèn giao thông" is a traffic light, not lighting.
# A key naming several tokens ("~school ~primary_school") yields each of them.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "~repair": (
        "sửa chữa", "nâng cấp", "cải tạo", "tu sửa", "sửa", "khắc phục", "duy tu", "tu bổ",
        "bảo trì", "sửa sang", "vá", "dặm vá", "làm lại", "chỉnh trang", "nâng cấp sửa chữa",
        "sửa chữa nâng cấp", "nâng cấp cải tạo", "thảm nhựa", "trải nhựa", "bê tông hóa",
        "thay thế",
    ),
    "~build": ("xây dựng", "xây mới", "đầu tư xây dựng", "xây", "làm mới", "xây dựng mới"),
    "~expand": ("mở rộng", "nới rộng", "mở rộng mặt đường"),
    "~damaged": (
        "xuống cấp", "hư hỏng", "hư hại", "hỏng", "ổ gà", "ổ voi", "sụt lún", "lún",
        "nứt", "bong tróc", "lầy lội", "hư", "xuống cấp trầm trọng", "hư hỏng nặng", "yếu",
    ),
    "~road": ("đường", "tuyến đường", "con đường", "đường giao thông", "tuyến",
              "đường sá", "mặt đường", "đường đi"),
    "~rural": ("nông thôn", "nông thôn mới", "giao thông nông thôn"),
    "~environment": ("môi trường", "vệ sinh môi trường", "cảnh quan"),
    "~bridge": ("cầu", "cây cầu", "cầu dân sinh", "cầu tạm", "cầu khỉ"),
    "~need": ("nhu cầu",),  # keeps "cầu" in "nhu cầu" from becoming a bridge
    "~school": ("trường học", "trường", "ngôi trường", "điểm trường", "cơ sở giáo dục",
                "nhà trường"),
    "~kindergarten": ("mầm non", "mẫu giáo", "nhà trẻ"),
    "~classroom": ("phòng học", "lớp học", "phòng học tạm", "phòng học xuống cấp"),
    "~teacher": ("giáo viên", "thầy cô", "đội ngũ giáo viên", "thầy cô giáo", "cô giáo",
                 "thầy giáo"),
    "~school_fee": ("học phí", "các khoản thu", "khoản thu", "khoản đóng góp", "đóng góp",
                    "tiền trường", "lạm thu"),
    "~hospital": ("bệnh viện", "cơ sở y tế", "trung tâm y tế", "cơ sở khám chữa bệnh",
                  "bệnh viện đa khoa"),
    "~clinic": ("trạm y tế", "trạm xá"),
    "~medical_staff": ("bác sĩ", "y bác sĩ", "nhân lực y tế", "cán bộ y tế",
                       "nhân viên y tế", "y sĩ"),
    "~medicine": ("thuốc", "thuốc men", "cấp phát thuốc", "thiếu thuốc", "thuốc chữa bệnh"),
    "~health_insurance": ("bảo hiểm y tế", "thẻ bảo hiểm y tế"),
    "~social_insurance": ("bảo hiểm xã hội",),
    "~allowance": ("trợ cấp", "phụ cấp", "chế độ", "trợ cấp xã hội", "chính sách",
                   "chế độ chính sách", "trợ cấp hàng tháng", "hỗ trợ hàng tháng",
                   "bảo trợ xã hội", "trợ cấp bảo trợ xã hội"),
    "~poor": ("hộ nghèo", "nghèo", "người nghèo"),
    "~near_poor": ("hộ cận nghèo", "cận nghèo"),
    "~merit": ("người có công", "gia đình chính sách", "thương binh", "liệt sĩ",
               "người có công với cách mạng", "gia đình liệt sĩ", "bệnh binh"),
    "~elderly": ("người cao tuổi", "người già", "cao tuổi"),
    "~disabled": ("người khuyết tật", "khuyết tật"),
    "~housing_aid": ("nhà tình thương", "nhà đại đoàn kết", "nhà tình nghĩa",
                     "xóa nhà tạm", "nhà tạm", "nhà dột nát", "nhà ở xã hội"),
    "~pollution": ("ô nhiễm", "ô nhiễm môi trường", "gây ô nhiễm", "hôi thối", "mùi hôi",
                   "bốc mùi", "mùi hôi thối"),
    "~waste": ("rác", "rác thải", "rác thải sinh hoạt", "chất thải", "bãi rác", "thu gom rác",
               "thu gom rác thải", "xử lý rác", "xử lý rác thải"),
    "~wastewater": ("nước thải", "xả thải", "xả nước thải"),
    "~livestock": ("chăn nuôi", "trại heo", "trại lợn", "trại chăn nuôi", "heo",
                   "gia súc", "gia cầm", "trang trại chăn nuôi"),
    "~flood": ("ngập úng", "ngập", "úng", "ngập nước", "ngập lụt", "đọng nước", "lụt",
               "triều cường"),
    "~drainage": ("thoát nước", "cống thoát nước", "mương thoát nước", "hệ thống thoát nước",
                  "cống", "rãnh thoát nước"),
    "~clean_water": ("nước sạch", "nước sinh hoạt", "nước máy", "cấp nước", "nước uống",
                     "cấp nước sạch", "nước giếng", "đường ống nước", "hệ thống cấp nước"),
    "~electricity": ("điện", "lưới điện", "điện sinh hoạt", "đường dây điện", "mất điện",
                     "cúp điện", "điện lưới", "trạm biến áp"),
    "~lighting": ("đèn chiếu sáng", "chiếu sáng", "đèn đường", "hệ thống chiếu sáng",
                  "điện chiếu sáng", "đèn", "chiếu sáng công cộng"),
    "~traffic_light": ("đèn tín hiệu", "đèn tín hiệu giao thông", "đèn giao thông"),
    "~traffic_safety": ("an toàn giao thông", "tai nạn giao thông", "tai nạn",
                        "mất an toàn giao thông"),
    "~danger": ("nguy hiểm", "mất an toàn", "không an toàn", "an toàn", "nguy cơ",
                "không bảo đảm an toàn", "không đảm bảo an toàn"),
    "~overload": ("xe quá tải", "quá tải", "xe tải trọng lớn", "xe tải nặng", "xe trọng tải lớn",
                  "xe tải"),
    "~speed_bump": ("gờ giảm tốc", "gờ giảm tốc độ", "biển báo", "biển cảnh báo"),
    "~land_certificate": ("giấy chứng nhận quyền sử dụng đất", "sổ đỏ", "sổ hồng",
                          "giấy chứng nhận", "bìa đỏ", "giấy đỏ",
                          "quyền sử dụng đất"),
    "~compensation": ("bồi thường", "đền bù", "bồi thường hỗ trợ", "tiền bồi thường",
                      "tiền đền bù", "giá bồi thường", "đơn giá bồi thường"),
    "~site_clearance": ("giải phóng mặt bằng", "thu hồi đất", "mặt bằng", "thu hồi",
                        "đất bị thu hồi"),
    "~resettlement": ("tái định cư", "khu tái định cư"),
    "~land_price": ("giá đất", "bảng giá đất"),
    "~suspended_plan": ("quy hoạch treo", "dự án treo", "treo"),
    "~planning": ("quy hoạch", "điều chỉnh quy hoạch"),
    "~encroach": ("lấn chiếm", "lấn chiếm lòng lề đường", "lấn chiếm vỉa hè", "họp chợ",
                  "chợ tự phát", "buôn bán lấn chiếm", "lòng lề đường", "vỉa hè"),
    "~sand_mining": ("khai thác cát", "hút cát", "khai thác cát trái phép"),
    "~landslide": ("sạt lở", "xói lở", "sạt"),
    "~embankment": ("kè", "bờ kè", "kè chống sạt lở", "đê", "bờ bao"),
    "~illegal_build": ("xây dựng trái phép", "xây dựng không phép", "xây dựng sai phép"),
    "~irrigation": ("thủy lợi", "kênh mương", "kênh", "mương", "thủy lợi nội đồng",
                    "công trình thủy lợi", "kênh thủy lợi", "tưới tiêu"),
    "~dredge": ("nạo vét",),
    "~salinity": ("xâm nhập mặn", "nhiễm mặn", "mặn", "hạn mặn"),
    "~farm_output": ("đầu ra", "tiêu thụ", "bao tiêu", "giá nông sản", "giá lúa", "thị trường",
                     "thương lái", "ép giá", "giá thấp"),
    "~farm_input": ("phân bón", "vật tư nông nghiệp", "thuốc bảo vệ thực vật", "giống",
                    "con giống", "cây giống", "giá vật tư"),
    "~animal_disease": ("dịch bệnh", "dịch tả heo châu phi", "dịch tả lợn châu phi",
                        "lở mồm long móng", "dịch", "tiêm phòng"),
    "~security": ("an ninh trật tự", "trật tự", "an ninh", "trộm cắp", "trộm", "tội phạm",
                  "trật tự an toàn xã hội", "mất trộm"),
    "~drugs": ("ma túy", "tệ nạn ma túy", "sử dụng ma túy", "nghiện"),
    "~gambling": ("cờ bạc", "đánh bạc", "lô đề", "số đề"),
    "~vice": ("tệ nạn", "tệ nạn xã hội"),
    "~noise": ("tiếng ồn", "ồn ào", "karaoke", "hát karaoke", "gây ồn"),
    "~racing": ("đua xe", "đua xe trái phép", "lạng lách"),
    "~procedure": ("thủ tục hành chính", "thủ tục", "hồ sơ", "giấy tờ", "quy trình"),
    "~slow": ("chậm", "chậm trễ", "kéo dài", "lâu", "trễ hạn", "quá hạn", "tồn đọng",
              "chưa được giải quyết", "chưa giải quyết"),
    "~id_card": ("căn cước công dân", "căn cước", "chứng minh nhân dân", "thẻ căn cước"),
    "~loan": ("vay vốn", "vốn vay", "cho vay", "tín dụng", "ngân hàng chính sách",
              "ngân hàng chính sách xã hội", "vốn ưu đãi"),
    "~jobs": ("việc làm", "giải quyết việc làm", "đào tạo nghề", "học nghề", "dạy nghề"),
    "~signal": ("sóng điện thoại", "sóng di động", "internet", "mạng", "sóng", "mạng internet"),
    "~culture_house": ("nhà văn hóa", "hội trường", "nhà sinh hoạt cộng đồng"),
    "~playground": ("sân chơi", "khu vui chơi", "sân thể thao", "điểm vui chơi",
                    "thiết chế văn hóa thể thao"),
    "~market": ("chợ", "chợ tạm", "nhà lồng chợ", "ngôi chợ"),
    "~stray_animals": ("chó thả rông", "thả rông", "chó"),
    "~forest": ("rừng", "phá rừng", "khai thác rừng", "đất rừng"),
    "~support": ("hỗ trợ", "giúp đỡ", "trợ giúp", "hỗ trợ kinh phí"),
    "~funding": ("kinh phí", "nguồn vốn", "vốn", "ngân sách", "đầu tư", "nguồn kinh phí",
                 "bố trí vốn", "bố trí kinh phí", "phân bổ vốn"),
    "~inspect": ("kiểm tra", "thanh tra", "kiểm tra xử lý", "xử lý", "xử phạt", "ngăn chặn",
                 "chấn chỉnh", "quản lý"),
    "~travel": ("đi lại", "lưu thông", "di chuyển", "giao thông"),
    "~difficult": ("khó khăn", "vất vả", "bất tiện", "trở ngại", "ảnh hưởng"),
    "~residents": ("đời sống", "sinh hoạt", "sức khỏe", "cuộc sống", "sản xuất"),
    "~many_households": ("hàng trăm hộ", "hàng chục hộ", "nhiều hộ"),
    "~student": ("học sinh", "các em học sinh", "các cháu", "học trò", "con em"),
    "~narrow": ("hẹp", "nhỏ hẹp", "chật hẹp", "quá hẹp"),
    "~dust": ("bụi", "khói bụi", "bụi bặm"),
    "~resolve_dispute": ("tranh chấp", "tranh chấp đất đai", "khiếu nại"),
    "~land_use_change": ("chuyển mục đích sử dụng đất", "chuyển mục đích", "lên thổ cư",
                         "chuyển đổi mục đích"),
    "~land": ("đất", "đất đai", "đất ở", "đất nông nghiệp", "thửa đất"),
    "~red_tape_fee": ("lệ phí", "phí", "thu phí", "tiền sử dụng đất"),
    "~payment": ("chi trả", "cấp phát", "trả", "thanh toán", "nhận"),
    "~project": ("dự án", "công trình", "hạng mục"),
    "~lack": ("thiếu", "không đủ", "chưa đủ", "chưa có", "không có", "thiếu hụt"),
    "~increase": ("tăng", "nâng mức", "tăng mức", "nâng", "điều chỉnh tăng", "nâng lên"),
    "~reduce": ("giảm", "hạ", "giảm mức", "cắt giảm", "rút ngắn"),
    "~exempt": ("miễn", "miễn giảm", "miễn phí", "không thu"),
    "~install": ("lắp", "lắp đặt", "lắp thêm", "trang bị", "gắn"),
    "~add": ("bổ sung", "bổ sung thêm", "tăng thêm"),
    "~primary_school": ("tiểu học",),
    "~school ~primary_school": ("trường tiểu học",),
    "~lower_secondary": ("trung học cơ sở",),
    "~school ~lower_secondary": ("trường trung học cơ sở",),
    "~upper_secondary": ("trung học phổ thông",),
    "~school ~upper_secondary": ("trường trung học phổ thông",),
    "~school ~kindergarten": ("trường mầm non", "trường mẫu giáo"),
    "~parttime_cadre": ("cán bộ không chuyên trách", "người hoạt động không chuyên trách",
                        "không chuyên trách", "bán chuyên trách", "cán bộ bán chuyên trách"),
    # The real set's national policies (dev half): each said in several ways.
    "~hamlet_cadre": ("cán bộ thôn", "cán bộ ấp", "cán bộ khóm", "cán bộ tổ dân phố",
                      "cán bộ làm công tác tại thôn", "cán bộ thôn bản"),
    "~pension": ("lương hưu", "nghỉ hưu", "về hưu", "hưu trí", "hưu", "người nghỉ hưu",
                 "cán bộ hưu trí", "người về hưu"),
    "~salary": ("lương", "tiền lương", "mức lương", "mức tăng lương", "tăng lương"),
    "~fraud": ("lừa đảo", "lừa đảo trực tuyến", "giả danh", "chiếm đoạt", "bắt cóc online",
               "bắt cóc trực tuyến", "thủ đoạn", "chiêu thức", "chiêu trò", "thủ đoạn lừa đảo"),
    "~counterfeit": ("hàng giả", "giả", "hàng nhái", "kém chất lượng", "hàng kém chất lượng",
                     "hàng giả hàng kém chất lượng"),
    "~counterfeit ~milk": ("sữa giả",),
    "~counterfeit ~medicine": ("thuốc giả",),
    "~milk": ("sữa",),
    "~admin_merger": ("sáp nhập", "sắp xếp", "sáp nhập hành chính", "sắp xếp đơn vị hành chính",
                      "sắp xếp các đơn vị hành chính", "sáp nhập đơn vị hành chính",
                      "sắp xếp hành chính", "sắp xếp bộ máy", "tinh gọn bộ máy"),
    "~civil_servant": ("công chức", "cán bộ công chức", "viên chức", "công chức viên chức",
                       "cán bộ công chức viên chức"),
    "~militia": ("dân quân", "dân quân tự vệ", "dân quân xã", "lực lượng dân quân"),
    "~meal_allowance": ("tiền ăn", "hỗ trợ tiền ăn"),
    "~age": ("độ tuổi", "tuổi"),
    "~vulnerable": ("yếu thế", "người yếu thế", "nhóm yếu thế", "đối tượng yếu thế"),
    "~pregnant": ("bà bầu", "phụ nữ mang thai", "mang thai", "thai phụ"),
    "~children": ("trẻ em", "trẻ nhỏ", "con nhỏ"),
    "~trade": ("buôn bán", "mua bán", "bán", "kinh doanh", "bày bán", "tiêu thụ hàng"),
    "~punish": ("chế tài", "án phạt", "mức án phạt", "mức phạt", "răn đe", "tái phạm",
                "chế tài nghiêm"),
    # "xử lý nghiêm": both a check by the authorities and a punishment
    "~inspect ~punish": ("xử lý nghiêm", "xử phạt nghiêm", "xử lý hình sự"),
    "~online": ("qua mạng", "trên mạng", "không gian mạng", "trực tuyến", "online",
                "mạng xã hội"),
    "~phone": ("điện thoại", "gọi điện", "gọi điện thoại", "sim", "sim điện thoại"),
    # "mía đường" is sugar, not a road: without it "mía đường Sơn Dương" reads as a street
    "~sugarcane": ("mía", "mía đường", "mía nguyên liệu", "cây mía"),
}

# Concepts whose phrase ends in a marker word that is not one there: no place is read
# after them ("mía đường Sơn Dương" is a sugar company, not Sơn Dương street; "nhu cầu"
# is a need, not a bridge).
NO_PLACE_AFTER: frozenset[str] = frozenset({"~sugarcane", "~need"})

# Words before a marker that make it plural: a list of places of that kind follows
# ("các tỉnh Ninh Bình, Thái Bình", "hai xã Yên Bình và Thạch Hòa"). Folded.
PLURAL_WORDS: frozenset[str] = frozenset({"cac", "nhung", "hai", "ba", "bon", "nam"})

# Abbreviations, keyed by their folded lower-case spelling (đ written as d).
ABBREVIATIONS: dict[str, str] = {
    "ubnd": "ủy ban nhân dân", "ub": "ủy ban", "hdnd": "hội đồng nhân dân",
    "mttq": "mặt trận tổ quốc", "dbqh": "đại biểu quốc hội", "tp": "thành phố",
    "tx": "thị xã", "kp": "khu phố", "tdp": "tổ dân phố", "ql": "quốc lộ", "tl": "tỉnh lộ",
    "bhyt": "bảo hiểm y tế", "bhxh": "bảo hiểm xã hội", "thcs": "trung học cơ sở",
    "thpt": "trung học phổ thông", "gcn": "giấy chứng nhận",
    "gcnqsdd": "giấy chứng nhận quyền sử dụng đất", "qsdd": "quyền sử dụng đất",
    "gpmb": "giải phóng mặt bằng", "ntm": "nông thôn mới", "kcn": "khu công nghiệp",
    "ccn": "cụm công nghiệp", "kdc": "khu dân cư", "atgt": "an toàn giao thông",
    "vsmt": "vệ sinh môi trường", "attp": "an toàn thực phẩm", "tthc": "thủ tục hành chính",
    "cccd": "căn cước công dân", "cmnd": "chứng minh nhân dân", "tnmt": "tài nguyên môi trường",
    "gtvt": "giao thông vận tải", "nnptnt": "nông nghiệp phát triển nông thôn",
    "ldtbxh": "lao động thương binh xã hội", "ttyt": "trung tâm y tế", "tyt": "trạm y tế",
    "bv": "bệnh viện", "bvdk": "bệnh viện đa khoa", "csgt": "cảnh sát giao thông",
    "pccc": "phòng cháy chữa cháy", "ncc": "người có công", "xkld": "xuất khẩu lao động",
    "hs": "học sinh", "gv": "giáo viên", "nhcsxh": "ngân hàng chính sách xã hội",
    "antt": "an ninh trật tự", "mn": "mầm non", "hcn": "hộ cận nghèo",
}

# Words that place a name or a number after them, with the kind of place they name.
# Kinds compare only with the same kind: commune A vs commune B is a disagreement.
PLACE_MARKERS: dict[str, str] = {
    "xã": "commune", "phường": "commune", "thị trấn": "commune",
    "huyện": "district", "quận": "district", "thị xã": "district", "thành phố": "district",
    "tỉnh": "province",
    "ấp": "village", "thôn": "village", "xóm": "village", "khu phố": "village",
    "tổ dân phố": "village", "khóm": "village",
    "tổ": "group", "tổ tự quản": "group", "khu": "zone",
    "đường": "street", "đường số": "street", "hẻm": "street", "ngõ": "street", "kiệt": "street",
    "km": "km", "thửa": "parcel", "thửa đất": "parcel", "thửa đất số": "parcel",
    "tờ bản đồ": "map_sheet", "tờ bản đồ số": "map_sheet",
    "cầu": "landmark", "chợ": "landmark", "kênh": "landmark", "sông": "landmark",
    "rạch": "landmark", "trường": "landmark", "bệnh viện": "landmark", "cống": "landmark",
    "khu công nghiệp": "landmark", "cụm công nghiệp": "landmark", "khu dân cư": "landmark",
    "công ty": "company", "nhà máy": "company", "bến": "landmark", "đập": "landmark",
    "trạm y tế": "landmark", "hồ": "landmark",
}

# Markers after which an uncapitalised (accent-free, lower-case) name is still
# taken: administrative units, whose names follow them directly.
LOWERCASE_NAME_KINDS: frozenset[str] = frozenset({"commune", "district", "village"})

# Road codes: prefix (folded) -> canonical prefix; "quốc lộ 1A" == "QL1A" == "ql 1a".
ROAD_PREFIXES: dict[str, str] = {
    "ql": "ql", "quoc lo": "ql", "dt": "dt", "duong tinh": "dt", "tinh lo": "dt",
    "dh": "dh", "duong huyen": "dh", "huong lo": "dh",
}

# Capitalised words that are institutions or generic terms, never a place.
NOT_PLACE_WORDS: frozenset[str] = frozenset({
    "nha nuoc", "trung uong", "dang", "quoc hoi", "chinh phu", "bo", "so", "ban", "hoi",
    "mat tran", "to quoc", "viet nam", "luat", "nghi dinh", "thong tu", "nghi quyet",
    "quyet dinh", "tinh uy", "huyen uy", "uy ban", "nhan dan", "hoi dong", "thuong truc",
    "doan", "chu tich", "cong an", "da khoa", "nong thon moi", "dat dai", "tet", "nguyen dan",
    "anh", "tai nguyen", "chi nhanh", "van phong", "phong", "so giao",
    # titles and offices, which real petitions capitalise ("Trưởng thôn", "Bí thư chi bộ")
    "truong", "bi thu", "pho", "chi hoi", "cong tac", "giam doc", "thu tuong", "bo truong",
    "to truong", "pho chu tich", "hoi truong", "chi hoi truong", "doan thanh nien",
    "cuc", "tong cuc", "vien", "toa an", "ngan hang", "quan doi", "bo doi",
    # abbreviations and words of laws and news, not places ("QĐ-TTg", "Covid-19")
    "ttg", "qd", "nd", "cp", "tt", "covid", "sars",
})

# Heads of institutions whose names run on through lower-case words and "và" to the
# next punctuation ("Bộ Giáo dục và Đào tạo", "Hội Cựu Thanh niên xung phong"). Folded.
LONG_NAMED_INSTITUTIONS: frozenset[str] = frozenset({
    "bo", "hoi", "luat", "so", "cuc", "vien", "ban", "uy", "doan", "nghi",
})

# Words after which a capitalised run is a person ("cử tri Lê Văn Sơn", "ông Phước"),
# lower-case and accented: folded, "bà" (Mrs) would be "ba" of "ngã ba Long Định".
# A marker word wins over these: "cử tri xã Kiên Đài" is still a commune.
PERSON_WORDS: frozenset[str] = frozenset({
    "cử tri", "ông", "bà", "anh", "chị", "cô", "đồng chí", "đại biểu",
})

# Content words that carry little: counted, but with this weight instead of 1.
LOW_WEIGHT: dict[str, float] = {
    "~road": 0.5, "~support": 0.4, "~funding": 0.4, "~inspect": 0.4, "~travel": 0.4,
    "~difficult": 0.3, "~residents": 0.3, "~many_households": 0.3, "~damaged": 0.6,
    "~repair": 0.7, "~build": 0.7, "~land": 0.6, "~payment": 0.5, "~slow": 0.6,
    "~narrow": 0.6, "~student": 0.5, "~project": 0.3, "~lack": 0.5,
    "~increase": 0.6, "~reduce": 0.6, "~install": 0.6, "~add": 0.6, "~danger": 0.4,
    "~need": 0.3, "~environment": 0.4, "~rural": 0.4,
    "~trade": 0.4, "~punish": 0.4, "~online": 0.5, "~phone": 0.5, "~children": 0.5,
}
