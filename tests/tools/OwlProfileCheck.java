// The OWL API's OWL 2 DL profile checker (Debian's libowlapi-java), run by tests/test_owl.py:
// OwlProfileCheck FILE [DL|EL|QL|RL] prints one line per violation and "violations: N";
// exit 0 when the document is in the profile, 1 when not.
import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.*;
import org.semanticweb.owlapi.profiles.*;

public class OwlProfileCheck {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager m = OWLManager.createOWLOntologyManager();
        OWLOntology o = m.loadOntologyFromOntologyDocument(new File(args[0]));
        String which = args.length > 1 ? args[1] : "DL";
        OWLProfile p = which.equals("EL") ? new OWL2ELProfile() : which.equals("QL") ? new OWL2QLProfile()
            : which.equals("RL") ? new OWL2RLProfile() : new OWL2DLProfile();
        OWLProfileReport r = p.checkOntology(o);
        for (OWLProfileViolation v : r.getViolations()) System.out.println(v.getClass().getSimpleName() + "\t" + v.toString().replace('\n',' '));
        System.out.println("violations: " + r.getViolations().size());
        System.exit(r.isInProfile() ? 0 : 1);
    }
}
