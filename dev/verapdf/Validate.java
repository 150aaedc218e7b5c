import java.io.File;
import java.util.Map;
import java.util.TreeMap;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.verapdf.pdfa.validation.profiles.Profiles;
import org.verapdf.pdfa.validation.profiles.Rule;
import org.verapdf.pdfa.validation.profiles.RuleId;
import org.verapdf.pdfa.validation.profiles.ValidationProfile;

/**
 * crbuild's PDF check: validates each file against each veraPDF profile
 * named in the first argument (comma-separated: PDFA-2U,PDFUA-1) in one
 * JVM. Prints "ok PROFILE FILE" or "FAIL PROFILE FILE" and, for a
 * failure, each failed rule with its count; exits 1 if any file fails.
 */
public class Validate {
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: Validate PROFILE[,PROFILE...] FILE.pdf...");
      System.exit(2);
    }
    VeraGreenfieldFoundryProvider.initialise();
    boolean failed = false;
    for (String name : args[0].split(",")) {
      var xml = Validate.class.getResourceAsStream("/org/verapdf/pdfa/validation/" + name + ".xml");
      if (xml == null) {
        System.err.println("no veraPDF profile " + name);
        System.exit(2);
      }
      ValidationProfile profile = Profiles.profileFromXml(xml);
      PDFAFlavour flavour = profile.getPDFAFlavour();
      for (int i = 1; i < args.length; i++) {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new File(args[i]), flavour);
            PDFAValidator validator = Foundries.defaultInstance().createValidator(profile, false)) {
          ValidationResult result = validator.validate(parser);
          System.out.println((result.isCompliant() ? "ok   " : "FAIL ") + name + " " + args[i]);
          if (result.isCompliant()) continue;
          failed = true;
          Map<String, Integer> count = new TreeMap<>();
          Map<String, String> description = new TreeMap<>();
          for (TestAssertion a : result.getTestAssertions()) {
            if (a.getStatus() != TestAssertion.Status.FAILED) continue;
            RuleId id = a.getRuleId();
            String key = id.getSpecification().getId() + " " + id.getClause() + "-" + id.getTestNumber();
            count.merge(key, 1, Integer::sum);
            Rule rule = profile.getRuleByRuleId(id);
            description.putIfAbsent(key, rule != null ? rule.getDescription() : a.getMessage());
          }
          for (String key : count.keySet()) {
            System.out.println("     " + key + " (x" + count.get(key) + "): " + description.get(key));
          }
        }
      }
    }
    System.exit(failed ? 1 : 0);
  }
}
