package dev.powerpages.emulator.appnode.fetchxml;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The FetchXML subset translated to the store's OData query options. */
class FetchXmlTranslatorTests {

    @Test
    void translatesAttributesConditionsOrderAndTopToOData() {
        FetchXmlQuery query = FetchXmlTranslator.translate("""
                <fetch top="5" returntotalrecordcount="true">
                  <entity name="account">
                    <attribute name="name" />
                    <attribute name="revenue" />
                    <order attribute="revenue" descending="true" />
                    <order attribute="name" />
                    <filter type="and">
                      <condition attribute="statecode" operator="eq" value="0" />
                      <condition attribute="name" operator="like" value="%Coffee%" />
                      <filter type="or">
                        <condition attribute="revenue" operator="gt" value="1000000" />
                        <condition attribute="websiteurl" operator="null" />
                      </filter>
                      <condition attribute="name" operator="ne" value="O'Neil &amp; Sons" />
                    </filter>
                  </entity>
                </fetch>""");

        assertThat(query.entitySet()).isEqualTo("accounts");
        assertThat(decode(query.options(null))).isEqualTo("$select=accountid,name,revenue"
                + "&$filter=statecode eq 0 and contains(name,'Coffee') and (revenue gt 1000000 or websiteurl eq null)"
                + " and name ne 'O''Neil & Sons'"
                + "&$orderby=revenue desc,name asc&$top=6&$count=true");
    }

    @Test
    void likeWildcardsBecomeStartsWithEndsWithAndGuidsOnOtherColumnsAreLookups() {
        FetchXmlQuery query = FetchXmlTranslator.translate("""
                <fetch><entity name="contact"><all-attributes/>
                  <filter type="or">
                    <condition attribute="fullname" operator="like" value="Ada%" />
                    <condition attribute="fullname" operator="not-like" value="%son" />
                    <condition attribute="parentcustomerid" operator="eq" value="{20000000-0000-4000-8000-00000000000A}" />
                    <condition attribute="contactid" operator="in"><value>21000000-0000-4000-8000-000000000001</value><value>21000000-0000-4000-8000-000000000002</value></condition>
                  </filter></entity></fetch>""");

        assertThat(query.attributes()).isEmpty();
        assertThat(decode(query.options("contactid eq 1"))).isEqualTo("$filter=(startswith(fullname,'Ada') or not endswith(fullname,'son')"
                + " or _parentcustomerid_value eq 20000000-0000-4000-8000-00000000000a"
                + " or (contactid eq 21000000-0000-4000-8000-000000000001 or contactid eq 21000000-0000-4000-8000-000000000002))"
                + " and contactid eq 1");
    }

    @Test
    void pluralisesTheEntitySetAsDataverseDoes() {
        assertThat(FetchXmlTranslator.translate("<fetch><entity name='opportunity'/></fetch>").entitySet()).isEqualTo("opportunities");
        assertThat(FetchXmlTranslator.translate("<fetch><entity name='adx_webpage'/></fetch>").entitySet()).isEqualTo("adx_webpages");
        assertThat(FetchXmlTranslator.translate("<fetch><entity name='address'/></fetch>").entitySet()).isEqualTo("addresses");
    }

    @Test
    void refusesWhatItCannotTranslateWithAClearMessage() {
        for (String fetch : List.of(
                "<fetch><entity name='account'><link-entity name='contact' from='parentcustomerid' to='accountid'/></entity></fetch>",
                "<fetch aggregate='true'><entity name='account'/></fetch>",
                "<fetch><entity name='account'><filter><condition attribute='name' operator='last-x-days' value='3'/></filter></entity></fetch>",
                "<fetch top='0'><entity name='account'/></fetch>",
                "<fetch><entity name='account; drop'/></fetch>",
                "<fetch><entity name='account'>",
                "<!DOCTYPE fetch [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><fetch><entity name='&x;'/></fetch>")) {
            assertThatThrownBy(() -> FetchXmlTranslator.translate(fetch)).as(fetch).isInstanceOf(FetchXmlException.class);
        }
    }

    private static String decode(String options) {
        return URLDecoder.decode(options.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
