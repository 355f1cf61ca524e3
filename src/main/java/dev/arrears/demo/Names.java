package dev.arrears.demo;

import java.util.List;
import java.util.Random;

/**
 * Word lists for demo customers: Chinese names in simplified and traditional script with their romanisation
 * (for e-mail addresses), English names, business names and street addresses per market. E-mail addresses use
 * the reserved example domains (RFC 2606) so that no demo notice can ever reach a real mailbox.
 */
final class Names {

    private Names() {
    }

    /** A name in its own script with a Latin spelling for mailbox names. */
    record Word(String text, String latin) {
    }

    private static List<Word> words(String... pairs) {
        return java.util.Arrays.stream(pairs).map(p -> {
            int colon = p.indexOf(':');
            return new Word(p.substring(0, colon), p.substring(colon + 1));
        }).toList();
    }

    static final List<Word> CN_SURNAMES = words("王:wang", "李:li", "张:zhang", "刘:liu", "陈:chen", "杨:yang",
            "黄:huang", "赵:zhao", "吴:wu", "周:zhou", "徐:xu", "孙:sun", "马:ma", "朱:zhu", "胡:hu", "郭:guo",
            "何:he", "高:gao", "林:lin", "罗:luo", "郑:zheng", "梁:liang", "谢:xie", "宋:song", "唐:tang", "许:xu",
            "韩:han", "冯:feng", "邓:deng", "曹:cao", "彭:peng", "曾:zeng", "田:tian", "董:dong", "袁:yuan",
            "潘:pan", "蒋:jiang", "蔡:cai", "余:yu", "杜:du", "叶:ye", "程:cheng", "苏:su", "魏:wei", "吕:lv",
            "丁:ding", "任:ren", "沈:shen");

    static final List<Word> CN_GIVEN = words("伟:wei", "芳:fang", "娜:na", "秀英:xiuying", "敏:min", "静:jing",
            "丽:li", "强:qiang", "磊:lei", "军:jun", "洋:yang", "勇:yong", "艳:yan", "杰:jie", "娟:juan", "涛:tao",
            "明:ming", "超:chao", "秀兰:xiulan", "霞:xia", "平:ping", "刚:gang", "桂英:guiying", "浩然:haoran",
            "子涵:zihan", "欣怡:xinyi", "梓轩:zixuan", "雨桐:yutong", "宇航:yuhang", "思远:siyuan", "佳怡:jiayi",
            "一诺:yinuo", "俊杰:junjie", "晓燕:xiaoyan", "建华:jianhua", "志强:zhiqiang", "婷婷:tingting",
            "海燕:haiyan", "文博:wenbo", "嘉欣:jiaxin", "晨曦:chenxi", "国栋:guodong");

    static final List<Word> TW_SURNAMES = words("陳:chen", "林:lin", "黃:huang", "張:chang", "李:lee", "王:wang",
            "吳:wu", "劉:liu", "蔡:tsai", "楊:yang", "許:hsu", "鄭:cheng", "謝:hsieh", "郭:kuo", "洪:hung",
            "曾:tseng", "邱:chiu", "廖:liao", "賴:lai", "周:chou", "徐:hsu", "蘇:su", "葉:yeh", "莊:chuang");

    static final List<Word> TW_GIVEN = words("怡君:yichun", "雅婷:yating", "家豪:chiahao", "志明:chihming",
            "冠宇:kuanyu", "宗翰:tsunghan", "淑芬:shufen", "美玲:meiling", "建宏:chienhung", "俊傑:chunchieh",
            "詩涵:shihhan", "承恩:chengen", "宥廷:yuting", "欣妤:hsinyu", "佩珊:peishan", "柏翰:pohan",
            "品妍:pinyen", "家瑋:chiawei", "雅雯:yawen", "冠廷:kuanting", "怡萱:yihsuan", "信宏:hsinhung");

    static final List<String> EN_FIRST = List.of("James", "Mary", "John", "Patricia", "Robert", "Jennifer",
            "Michael", "Linda", "William", "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica",
            "Thomas", "Sarah", "Charles", "Karen", "Oliver", "Amelia", "Harry", "Olivia", "George", "Isla", "Jack",
            "Emily", "Noah", "Sophie", "Daniel", "Grace", "Samuel", "Chloe", "Matthew", "Hannah", "Priya",
            "Mohammed", "Aisha", "Carlos", "Maria", "Wei", "Ethan", "Lucy");

    static final List<String> EN_LAST = List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia",
            "Miller", "Davis", "Wilson", "Taylor", "Anderson", "Thomas", "Jackson", "White", "Harris", "Martin",
            "Thompson", "Moore", "Clark", "Lewis", "Walker", "Hall", "Young", "Allen", "Wright", "Evans", "Roberts",
            "Hughes", "Patel", "Khan", "O'Brien", "Murphy", "Kelly", "Cooper", "Ward", "Rodriguez", "Nguyen", "Chen",
            "Green", "Baker");

    private static final List<String> CN_CITIES = List.of("上海", "北京", "深圳", "广州", "杭州", "苏州", "成都",
            "武汉", "南京", "天津");
    private static final List<Word> CN_BRANDS = words("华辰:huachen", "鼎盛:dingsheng", "恒通:hengtong",
            "瑞丰:ruifeng", "远航:yuanhang", "德信:dexin", "金桥:jinqiao", "宏达:hongda", "新源:xinyuan",
            "中联:zhonglian", "佳和:jiahe", "博远:boyuan", "永泰:yongtai", "汇通:huitong");
    private static final List<String> CN_TRADES = List.of("物流", "贸易", "科技", "电子", "建材", "包装", "食品",
            "医药", "机械", "印务");

    private static final List<String> EN_BRANDS = List.of("Northwind", "Contoso", "Fabrikam", "Harbour",
            "Summit", "Bluebell", "Redwood", "Crescent", "Meridian", "Oakridge", "Kingsway", "Sterling",
            "Riverside", "Beacon");
    private static final List<String> EN_TRADES = List.of("Supplies", "Logistics", "Foods", "Engineering",
            "Trading", "Print", "Packaging", "Builders", "Hardware", "Analytics");

    /** A company name with a slug for its mailbox domain. */
    record Company(String name, String slug) {
    }

    /** Picks one element of a list. */
    static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** Returns a Chinese company name such as 上海华辰物流有限公司. */
    static Company chineseCompany(Random random) {
        String city = pick(random, CN_CITIES);
        Word brand = pick(random, CN_BRANDS);
        String trade = pick(random, CN_TRADES);
        return new Company(city + brand.text() + trade + "有限公司", brand.latin() + "-" + (random.nextInt(90) + 10));
    }

    /** Returns an English company name such as Northwind Supplies Ltd (UK) or Northwind Supplies Inc. (US). */
    static Company englishCompany(Random random, boolean uk) {
        String brand = pick(random, EN_BRANDS);
        String trade = pick(random, EN_TRADES);
        String suffix = uk ? pick(random, List.of("Ltd", "Ltd", "PLC", "LLP")) : pick(random, List.of("Inc.", "LLC"));
        return new Company(brand + " " + trade + " " + suffix, (brand + "-" + trade).toLowerCase(java.util.Locale.ROOT));
    }

    /** Returns a mainland postal address in one line. */
    static String chineseAddress(Random random) {
        String[][] cities = {{"上海市", "浦东新区", "徐汇区", "静安区", "闵行区"}, {"北京市", "朝阳区", "海淀区", "西城区"},
                {"深圳市", "南山区", "福田区"}, {"广州市", "天河区", "越秀区"}, {"杭州市", "西湖区", "滨江区"},
                {"成都市", "武侯区", "锦江区"}};
        String[] city = cities[random.nextInt(cities.length)];
        String district = city[1 + random.nextInt(city.length - 1)];
        String street = pick(random, List.of("中山路", "人民路", "解放路", "建设路", "长江路", "和平路", "张杨路",
                "淮海中路"));
        return city[0] + district + street + (random.nextInt(1500) + 1) + "号" + (random.nextInt(20) + 1) + "栋"
                + (random.nextInt(30) + 1) + "0" + (random.nextInt(4) + 1) + "室";
    }

    /** Returns a Taiwanese postal address in one line. */
    static String taiwaneseAddress(Random random) {
        String[][] cities = {{"臺北市", "大安區", "信義區", "中山區"}, {"新北市", "板橋區", "新店區"},
                {"臺中市", "西屯區", "北屯區"}, {"高雄市", "前鎮區", "苓雅區"}};
        String[] city = cities[random.nextInt(cities.length)];
        String district = city[1 + random.nextInt(city.length - 1)];
        String street = pick(random, List.of("中正路", "民生東路", "復興南路", "忠孝東路四段", "中山北路二段",
                "文心路"));
        return city[0] + district + street + (random.nextInt(400) + 1) + "號" + (random.nextInt(15) + 1) + "樓";
    }

    /** Returns a New York postal address in one line. */
    static String newYorkAddress(Random random) {
        String street = pick(random, List.of("W 57th St", "Broadway", "Lexington Ave", "Amsterdam Ave",
                "E 86th St", "Atlantic Ave", "Bedford Ave"));
        boolean brooklyn = street.equals("Atlantic Ave") || street.equals("Bedford Ave");
        String zip = (brooklyn ? "112" : "100") + String.format(java.util.Locale.ROOT, "%02d", random.nextInt(40));
        return (random.nextInt(900) + 10) + " " + street + ", Apt " + (random.nextInt(30) + 1)
                + (char) ('A' + random.nextInt(6)) + ", " + (brooklyn ? "Brooklyn" : "New York") + ", NY " + zip;
    }

    /** Returns a London postal address in one line. */
    static String londonAddress(Random random) {
        String street = pick(random, List.of("Kingsway", "Baker Street", "Camden Road", "Holloway Road",
                "Old Kent Road", "King's Road", "Mare Street"));
        String area = pick(random, List.of("N", "NW", "SE", "SW", "E", "W", "WC2B"));
        String postcode = area + (area.length() > 2 ? "" : String.valueOf(random.nextInt(20) + 1)) + " "
                + random.nextInt(10) + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
        return (random.nextInt(200) + 1) + " " + street + ", London " + postcode;
    }
}
