package dev.powerpages.emulator.store.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.schema.SchemaLoader;
import dev.powerpages.emulator.store.schema.StoreSchema;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** $metadata is CSDL generated from the schema, in Dataverse's namespace and shapes. */
class MetadataDocumentTest {

    static XPath xpath = XPathFactory.newInstance().newXPath();
    static Document csdl;

    @BeforeAll
    static void generate() throws Exception {
        try (InputStream yaml = MetadataDocumentTest.class.getResourceAsStream("/schema/tables.yaml")) {
            csdl = parse(new MetadataDocument(new SchemaLoader().load(yaml)).xml());
        }
    }

    @Test
    void describesEachTableAsAnEntityTypeKeyedByItsPrimaryId() throws Exception {
        assertThat(text("/Edmx/DataServices/Schema/@Namespace")).isEqualTo("Microsoft.Dynamics.CRM");
        assertThat(text("/Edmx/DataServices/Schema/@Alias")).isEqualTo("mscrm");
        assertThat(text("//EntityType[@Name='account']/Key/PropertyRef/@Name")).isEqualTo("accountid");
        assertThat(text("//EntityType[@Name='account']/Property[@Name='revenue']/@Type"))
                .isEqualTo("Edm.Decimal");
        assertThat(text("//EntityType[@Name='adx_webpage']/Property[@Name='modifiedon']/@Type"))
                .isEqualTo("Edm.DateTimeOffset");
        assertThat(text("//EntityContainer[@Name='System']/EntitySet[@Name='adx_webpages']/@EntityType"))
                .isEqualTo("mscrm.adx_webpage");
    }

    @Test
    void describesLookupsAsValuePropertiesAndNavigationPropertiesBothWays() throws Exception {
        assertThat(text("//EntityType[@Name='contact']/Property[@Name='_parentcustomerid_value']/@Type"))
                .isEqualTo("Edm.Guid");
        assertThat(text("//EntityType[@Name='contact']/NavigationProperty[@Name='parentcustomerid_account']/@Type"))
                .isEqualTo("mscrm.account");
        assertThat(text("//EntityType[@Name='account']/NavigationProperty[@Name='contact_customer_accounts']/@Type"))
                .isEqualTo("Collection(mscrm.contact)");
        assertThat(
                        text(
                                "//EntitySet[@Name='contacts']/NavigationPropertyBinding[@Path='parentcustomerid_account']/@Target"))
                .isEqualTo("accounts");
    }

    @Test
    void listsAlternateKeysInTheCommunityAnnotation() throws Exception {
        assertThat(text("//EntityType[@Name='account']/Annotation/@Term"))
                .isEqualTo("OData.Community.Keys.V1.AlternateKeys");
        assertThat(text("//EntityType[@Name='account']/Annotation//PropertyValue[@Property='Name']"))
                .isEqualTo("accountnumber");
    }

    @Test
    void aCustomTableInTheSchemaAppearsWithoutCode() throws Exception {
        String yaml = """
                tables:
                  - logicalName: cr123_project
                    entitySetName: cr123_projects
                    columns:
                      - { name: cr123_name, type: string }
                """;
        StoreSchema schema = new SchemaLoader().load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        Document custom = parse(new MetadataDocument(schema).xml());

        assertThat((String) xpath.evaluate(
                        "//EntityType[@Name='cr123_project']/Key/PropertyRef/@Name", custom, XPathConstants.STRING))
                .isEqualTo("cr123_projectid");
        assertThat((String) xpath.evaluate(
                        "//EntitySet[@Name='cr123_projects']/@EntityType", custom, XPathConstants.STRING))
                .isEqualTo("mscrm.cr123_project");
    }

    @Test
    void declaresWhoAmI() throws Exception {
        assertThat(text("//Function[@Name='WhoAmI']/ReturnType/@Type")).isEqualTo("mscrm.WhoAmIResponse");
        assertThat(text("//EntityContainer/FunctionImport[@Name='WhoAmI']/@Function"))
                .isEqualTo("mscrm.WhoAmI");
    }

    private static String text(String path) throws Exception {
        return (String) xpath.evaluate(path, csdl, XPathConstants.STRING);
    }

    private static Document parse(String xml) throws Exception {
        // namespace-unaware, so that the XPath expressions can name elements without prefixes
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
