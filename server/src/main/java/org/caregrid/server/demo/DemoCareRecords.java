package org.caregrid.server.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.caregrid.core.db.Transactions;

/**
 * The demo's contacts and medical summaries, made once: every resident gets a phone, one to three
 * emergency contacts in call order and a medical summary, and about half a key safe code, so that
 * the first alert a newcomer opens has numbers to call and a handover card. The family doctor gets
 * a phone. Drawn from the demo's seed, so a district looks the same at every fresh start. Every
 * number is fictitious (the 555 exchange and 139 0000 xxxx).
 */
final class DemoCareRecords {
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
  private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "磊", "军", "洋", "勇", "艳"};
  private static final String[] FAMILY = {"女儿", "儿子", "儿媳", "女婿", "侄子", "外孙女"};
  private static final String[] OTHERS = {"邻居", "楼长", "社区网格员"};
  private static final String[] CONDITIONS = {
    "高血压", "2型糖尿病", "冠心病", "慢阻肺", "脑卒中后遗症", "骨质疏松", "轻度认知障碍", "心房颤动"
  };
  private static final String[] MEDICINES = {
    "氨氯地平 5mg 每日一次", "二甲双胍 0.5g 每日两次", "阿司匹林 100mg 每日一次", "华法林（遵医嘱）", "噻托溴铵吸入 每日一次", "阿托伐他汀 20mg 每晚"
  };
  private static final String[] ALLERGIES = {"无已知过敏", "青霉素", "磺胺类", "海鲜", "头孢类"};
  private static final String[] MOBILITY = {"可独立行走", "使用助行器", "使用拐杖", "轮椅", "卧床为主"};
  private static final String[] HOSPITALS = {"包头市中心医院", "包头医学院第一附属医院", "包头市第四医院"};

  private DemoCareRecords() {}

  static void createOnce(DataSource dataSource, long seed) throws SQLException {
    Transactions.run(
        dataSource,
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM resident_contact)")) {
            rs.next();
            if (rs.getBoolean(1)) {
              return null;
            }
          }
          Random random = new Random(seed);
          for (int resident : residents(c)) {
            seed(c, resident, random);
          }
          try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE family_doctor SET phone = '0472-5550120' WHERE phone = ''");
          }
          return null;
        });
  }

  private static List<Integer> residents(Connection c) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM resident ORDER BY id")) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }

  private static void seed(Connection c, int resident, Random random) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE resident SET phone = ? WHERE id = ?")) {
      ps.setString(1, "0472 555" + String.format("%04d", resident % 10_000));
      ps.setInt(2, resident);
      ps.executeUpdate();
    }
    int contacts = 1 + random.nextInt(3);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO resident_contact (resident_id, call_order, name, relationship, phone,"
                + " holds_key) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int order = 1; order <= contacts; order++) {
        boolean family = order < contacts || contacts == 1;
        ps.setInt(1, resident);
        ps.setInt(2, order);
        ps.setString(3, pick(SURNAMES, random) + pick(GIVEN, random));
        ps.setString(4, family ? pick(FAMILY, random) : pick(OTHERS, random));
        ps.setString(5, "139" + "0000" + String.format("%04d", random.nextInt(10_000)));
        ps.setBoolean(6, order == 1 || random.nextInt(3) == 0);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO medical_summary (resident_id, conditions, medicines, allergies, mobility,"
                + " preferred_hospital, key_holders, key_safe_code)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setInt(1, resident);
      ps.setString(2, pick(CONDITIONS, random) + "；" + pick(CONDITIONS, random));
      ps.setString(3, pick(MEDICINES, random) + "；" + pick(MEDICINES, random));
      ps.setString(4, pick(ALLERGIES, random));
      ps.setString(5, pick(MOBILITY, random));
      ps.setString(6, pick(HOSPITALS, random));
      ps.setString(7, random.nextBoolean() ? "社区居委会" : "");
      ps.setString(8, random.nextBoolean() ? String.format("%04d", random.nextInt(10_000)) : null);
      ps.executeUpdate();
    }
  }

  private static String pick(String[] from, Random random) {
    return from[random.nextInt(from.length)];
  }
}
